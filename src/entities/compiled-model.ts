/**
 * The compiled NER model (models/ner/tagger.bin): everything the tagger would
 * otherwise build at every process start from model.json, weights.bin,
 * clusters.tsv and truecase.tsv (string maps, the sparse weight rows and their
 * hash table, the pair filter, the dense score tables), stored as typed arrays
 * that loading views in place: a read of one file and a few dozen views instead of
 * ~260 ms of CPU per process and per worker (issue #8). It is derived from those
 * files by scripts/entities-compile.ts (and by the training script), never edited;
 * tagging from it gives the same floats as tagging from them (test/entities).
 *
 * Layout: 8 bytes of magic, a u32 header length, the header (JSON: format, tags,
 * counts, sections as [name, kind, offset, length]), then each section's bytes at
 * an offset (from the data start) that is a multiple of 8, little-endian.
 * Being one buffer of views, the model can live in a SharedArrayBuffer read by
 * every worker thread (loadTaggerFromBuffer).
 */
import { NewsdigestError } from '../errors.js';
import { FeatureIndex, PairFilter } from './feature-index.js';
import {
  type CompiledStrings,
  FeatureSpace,
  GAZ_FIRST,
  GAZ_PREFIX,
  KNOWN_ALL_CAPS,
  KNOWN_CAP,
  KNOWN_LETTER,
  NUM_SLOTS,
} from './features.js';
import type { LoadedModel } from './model-io.js';
import { WordPairPlaces } from './pair-places.js';
import { ScoreTables, SparseRows } from './score-tables.js';
import { StringTable } from './string-table.js';
import { KNOWN_RECORD, NerTagger, type TaggerTables, type Truecase } from './tagger.js';
import { TAGS } from './tags.js';

export const COMPILED_FORMAT = 3;
const MAGIC = 'NDNERBIN';

type Section = Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
const KINDS = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
} as const;
type Kind = keyof typeof KINDS;

function kindOf(a: Section): Kind {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Uint16Array) return 'u16';
  return 'u8';
}

const align8 = (n: number) => (n + 7) & ~7;

/** One buffer: magic, header JSON (with the sections' places), then the sections, 8-byte aligned. */
export function packSections(header: Record<string, unknown>, sections: Record<string, Section>): Buffer {
  const places: [string, Kind, number, number][] = [];
  let at = 0;
  for (const [name, a] of Object.entries(sections)) {
    places.push([name, kindOf(a), at, a.length]);
    at = align8(at + a.byteLength);
  }
  const json = Buffer.from(JSON.stringify({ ...header, sections: places }), 'utf8');
  const dataStart = align8(12 + json.length);
  const out = Buffer.alloc(dataStart + at);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  for (const [name, , offset] of places) {
    const a = sections[name]!;
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, dataStart + offset);
  }
  return out;
}

/** The header and views of the sections of a packed buffer (no copy unless the buffer is misaligned). */
export function unpackSections(
  input: Uint8Array,
  source: string,
): { header: Record<string, unknown>; sections: Map<string, Section> } {
  const bad = (why: string) => new NewsdigestError('E_MODEL', source, `not a compiled NER model: ${why}`);
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1)
    throw new NewsdigestError('E_MODEL', source, 'compiled models are little-endian; this machine is not');
  if (input.byteLength < 12) throw bad('too short');
  let bytes = input;
  if (bytes.byteOffset % 8 !== 0) {
    bytes = new Uint8Array(input.byteLength);
    bytes.set(input);
  }
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head.toString('latin1', 0, 8) !== MAGIC) throw bad('wrong magic bytes');
  const jsonLength = head.readUInt32LE(8);
  if (12 + jsonLength > bytes.byteLength) throw bad('truncated header');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + jsonLength)).toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    throw bad('unreadable header');
  }
  const dataStart = bytes.byteOffset + align8(12 + jsonLength);
  const sections = new Map<string, Section>();
  for (const [name, kind, offset, length] of header['sections'] as [string, Kind, number, number][]) {
    const Ctor = KINDS[kind];
    if (!Ctor) throw bad(`unknown section kind ${kind}`);
    const start = dataStart + offset;
    if (start + length * Ctor.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength)
      throw bad(`section ${name} runs past the end (truncated file?)`);
    sections.set(name, new Ctor(bytes.buffer as ArrayBuffer, start, length));
  }
  return { header, sections };
}

/** A truecase table of two string tables (lower-case keys, cased values), answers cached. */
class TableTruecase implements Truecase {
  private readonly seen = new Map<string, string | undefined>();

  constructor(
    private readonly keys: StringTable,
    private readonly values: StringTable,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  get(lower: string): string | undefined {
    if (this.seen.has(lower)) return this.seen.get(lower);
    const i = this.keys.get(lower);
    const cased = i < 0 ? undefined : this.values.at(i);
    // Bounded by the table's words and by the misses of one document at a time.
    if (this.seen.size > 4 * this.keys.size + 10_000) this.seen.clear();
    this.seen.set(lower, cased);
    return cased;
  }
}

const NO_SLOTS = new Int32Array([-1]);

function tableSections(prefix: string, t: StringTable, withSlots = true): Record<string, Section> {
  const out: Record<string, Section> = { [`${prefix}.chars`]: t.chars, [`${prefix}.starts`]: t.starts };
  if (withSlots) out[`${prefix}.slots`] = t.slots;
  return out;
}

function rowsSections(prefix: string, r: SparseRows): Record<string, Section> {
  return { [`${prefix}.start`]: r.start, [`${prefix}.tag`]: r.tag, [`${prefix}.weight`]: r.weight };
}

/**
 * The words a compiled model stores ids, flags and a record for: the surface forms the
 * vocabulary has a word or lower-case feature for, then `frequent` (frequent-words.tsv:
 * the most frequent word forms of training news text), each once, in that order.
 */
export function knownWordList(vocab: readonly string[], frequent: readonly string[] = []): string[] {
  return [
    ...new Set([
      ...vocab.filter((v) => v.startsWith('w:') || v.startsWith('l:')).map((v) => v.slice(2)),
      ...frequent,
    ]),
  ];
}

/**
 * The compiled form of a model loaded from its source files (model-io.ts loadModel), with
 * stored records for the vocabulary's word forms and for `frequent` ones (knownWordList).
 */
export function compileModel(m: LoadedModel, frequent: readonly string[] = []): Buffer {
  const space = m.space;
  const tagger = NerTagger.fromModel(m);
  const derived = tagger.derived;
  const vocab = StringTable.build(m.meta.vocab);

  // Cluster words → rows of level ids, one row per distinct row (row 0: no cluster).
  // The ids are the source space's own (clusterLevelIds), so the compiled ids are the same.
  if (space.clusters.has('')) throw new Error('compileModel: the cluster table has an empty word');
  const rowOf = new Map<string, number>();
  const levels: number[] = [];
  const rowFor = (ids: Int32Array) => {
    const k = ids.join(' ');
    let r = rowOf.get(k);
    if (r === undefined) {
      r = rowOf.size;
      rowOf.set(k, r);
      levels.push(...ids);
    }
    return r;
  };
  rowFor(space.clusterLevelIds(''));
  const clusterKeys = [...space.clusters.keys()];
  const clusterRow = Int32Array.from(clusterKeys, (k) => rowFor(space.clusterLevelIds(k)));

  // Gazetteer phrases, first words and proper prefixes, in one table.
  const gazKeys = new Set<string>([
    ...space.gazetteer.keys(),
    ...space.gazetteerFirst,
    ...space.gazetteerPrefixes,
  ]);
  const gazList = [...gazKeys];
  const typeNames = [...new Set(space.gazetteer.values())];
  const gazFlags = Uint8Array.from(
    gazList,
    (k) => (space.gazetteerFirst.has(k) ? GAZ_FIRST : 0) | (space.gazetteerPrefixes.has(k) ? GAZ_PREFIX : 0),
  );
  const gazTypes = Int32Array.from(gazList, (k) => {
    const t = space.gazetteer.get(k);
    return t === undefined ? -1 : typeNames.indexOf(t);
  });

  // Known words: the surface forms the vocabulary has a word or lower-case feature for, and the
  // frequent forms of news text, with their ids, flags and records as the source model computes
  // them: a process meeting one for the first time copies its record instead of computing it.
  const known = knownWordList(m.meta.vocab, frequent);
  const knownIds = new Int32Array(known.length * NUM_SLOTS);
  const knownFlags = new Uint8Array(known.length);
  const knownRecords = new Float32Array(known.length * KNOWN_RECORD);
  known.forEach((w, k) => {
    const info = space.word(w);
    knownIds.set(info.ids, k * NUM_SLOTS);
    knownFlags[k] =
      (info.cap ? KNOWN_CAP : 0) | (info.allCaps ? KNOWN_ALL_CAPS : 0) | (info.hasLetter ? KNOWN_LETTER : 0);
    knownRecords.set(tagger.computedRecord(w), k * KNOWN_RECORD);
  });

  const truecaseKeys = [...m.truecase.keys()];
  const t = derived.scoreTables.parts();
  return packSections(
    {
      format: COMPILED_FORMAT,
      tags: TAGS,
      vocabSize: vocab.size,
      sparseRowsSize: derived.sparseRows.size,
      gazetteerTypeNames: typeNames,
      gazetteerPhrases: space.gazetteer.size,
      maxGazetteerLength: space.maxGazetteerLength,
    },
    {
      ...tableSections('vocab', vocab),
      ...tableSections('clusterWords', StringTable.build(clusterKeys)),
      clusterRow,
      clusterLevels: Int32Array.from(levels),
      ...tableSections('gazetteer', StringTable.build(gazList)),
      gazetteerFlags: gazFlags,
      gazetteerTypes: gazTypes,
      ...tableSections('knownWords', StringTable.build(known)),
      knownIds,
      knownFlags,
      knownRecords,
      ...tableSections('truecaseKeys', StringTable.build(truecaseKeys)),
      ...tableSections(
        'truecaseValues',
        StringTable.build(truecaseKeys.map((k) => m.truecase.get(k)!)),
        false,
      ),
      sparse: derived.sparse,
      sparseRows: derived.sparseRows.storedTable,
      pairRoles: derived.pairRoles,
      pairFilter: derived.pairFilter.storedBits,
      wordPairSlots: derived.wordPairs.storedSlots,
      wordPairFilter: derived.wordPairs.storedFilter,
      trans: derived.trans,
      shapes: t.shapes,
      clusters2: t.clusters2,
      caseFlags: t.caseFlags,
      clusters1: t.clusters1,
      evidence: t.evidence,
      evidenceBefore: t.evidenceBefore,
      evidenceAfter: t.evidenceAfter,
      ...rowsSections('shapePairRows', t.shapePairRows),
      ...rowsSections('clusterPairRows', t.clusterPairRows),
      ...rowsSections('evidenceCaseRows', t.evidenceCaseRows),
      ...rowsSections('evidenceClusterRows', t.evidenceClusterRows),
    },
  );
}

/**
 * A tagger over a compiled model's bytes (a file's Buffer, or a view of a
 * SharedArrayBuffer that other threads also read: nothing is written into it).
 * `source` names the bytes in errors.
 */
export function loadCompiledTagger(bytes: Uint8Array, source: string): NerTagger {
  const { header, sections } = unpackSections(bytes, source);
  if (header['format'] !== COMPILED_FORMAT || (header['tags'] as string[]).join() !== TAGS.join())
    throw new NewsdigestError(
      'E_MODEL',
      source,
      `compiled model format ${String(header['format'])} or tag set does not match this version; run scripts/entities-compile`,
    );
  const get = <K extends Kind>(name: string, kind: K): InstanceType<(typeof KINDS)[K]> => {
    const a = sections.get(name);
    if (!a || kindOf(a) !== kind)
      throw new NewsdigestError('E_MODEL', source, `compiled model lacks section ${name} (${kind})`);
    return a as InstanceType<(typeof KINDS)[K]>;
  };
  const table = (prefix: string, withSlots = true) =>
    new StringTable(
      get(`${prefix}.chars`, 'u16'),
      get(`${prefix}.starts`, 'u32'),
      withSlots ? get(`${prefix}.slots`, 'i32') : NO_SLOTS,
    );
  const rows = (prefix: string) =>
    new SparseRows(
      get(`${prefix}.start`, 'i32'),
      get(`${prefix}.tag`, 'i32'),
      get(`${prefix}.weight`, 'f32'),
    );
  const strings: CompiledStrings = {
    vocab: table('vocab'),
    clusterWords: table('clusterWords'),
    clusterRow: get('clusterRow', 'i32'),
    clusterLevels: get('clusterLevels', 'i32'),
    gazetteer: table('gazetteer'),
    gazetteerFlags: get('gazetteerFlags', 'u8'),
    gazetteerTypes: get('gazetteerTypes', 'i32'),
    gazetteerTypeNames: header['gazetteerTypeNames'] as string[],
    gazetteerPhrases: header['gazetteerPhrases'] as number,
    maxGazetteerLength: header['maxGazetteerLength'] as number,
    knownWords: table('knownWords'),
    knownIds: get('knownIds', 'i32'),
    knownFlags: get('knownFlags', 'u8'),
  };
  if (strings.vocab.size !== header['vocabSize'])
    throw new NewsdigestError('E_MODEL', source, 'compiled model vocabulary does not match its header');
  const tables: TaggerTables = {
    sparse: get('sparse', 'f32'),
    sparseRows: FeatureIndex.fromTable(get('sparseRows', 'f64'), header['sparseRowsSize'] as number),
    pairRoles: get('pairRoles', 'u8'),
    pairFilter: new PairFilter([], get('pairFilter', 'i32')),
    trans: get('trans', 'f32'),
    wordPairs: new WordPairPlaces(
      get('wordPairSlots', 'i32'),
      new PairFilter([], get('wordPairFilter', 'i32')),
    ),
    knownRecords: get('knownRecords', 'f32'),
    scoreTables: new ScoreTables({
      shapes: get('shapes', 'i32'),
      clusters2: get('clusters2', 'i32'),
      caseFlags: get('caseFlags', 'i32'),
      clusters1: get('clusters1', 'i32'),
      evidence: get('evidence', 'f32'),
      evidenceBefore: get('evidenceBefore', 'f32'),
      evidenceAfter: get('evidenceAfter', 'f32'),
      shapePairRows: rows('shapePairRows'),
      clusterPairRows: rows('clusterPairRows'),
      evidenceCaseRows: rows('evidenceCaseRows'),
      evidenceClusterRows: rows('evidenceClusterRows'),
    }),
  };
  const truecase = new TableTruecase(table('truecaseKeys'), table('truecaseValues', false));
  return new NerTagger(new FeatureSpace({ compiled: strings }), tables, truecase);
}

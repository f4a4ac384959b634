/**
 * CoNLL-2003 files and conlleval's entity-level scoring.
 *
 * A file has one token a line (`word POS chunk NER`, the tag last), blank lines
 * between sentences and `-DOCSTART-` lines between documents. Tags are IOB1 (a
 * chunk starts with I-, B- only between two adjacent chunks of one type) or IOB2
 * (every chunk starts with B-); chunk extraction follows conlleval, which reads
 * both: a chunk starts at B-, at I- after O, and at I- after a tag of another type.
 */
import { readFileSync } from 'node:fs';
import { NewsdigestError } from '../errors.js';
import { requireFile } from '../eval/data.js';
import { prf } from '../eval/report.js';
import { chunkRuns, P_B, P_E, P_I, P_O, P_OTHER, P_S } from './tags.js';

export interface ConllSentence {
  words: string[];
  tags: string[];
  /** True for the first sentence after a -DOCSTART- line (documents are unmarked when the file has none). */
  docStart: boolean;
}

/** Parses the text of a CoNLL file. */
export function parseConll(text: string): ConllSentence[] {
  const out: ConllSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let docStart = false;
  const flush = () => {
    if (words.length) out.push({ words, tags, docStart });
    if (words.length) docStart = false;
    words = [];
    tags = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts[0] === '-DOCSTART-') {
      flush();
      docStart = true;
      continue;
    }
    words.push(parts[0]!);
    tags.push(parts.length > 1 ? parts[parts.length - 1]! : 'O');
  }
  flush();
  return out;
}

/** A CoNLL token line: a word, optional columns, and a tag (O, or a prefix and a type: B-PER, I-LOC, …). */
const TOKEN_LINE = /^\S+(?:\s+\S+)*\s+(?:O|[BIESLU]-\S+)\s*$/;

/** Whether the text has at least one CoNLL token line (a word and a tag). */
export function hasConllLine(text: string): boolean {
  for (const raw of text.split('\n')) if (TOKEN_LINE.test(raw.trim())) return true;
  return false;
}

/**
 * The sentences of a CoNLL file. A file with no token line (a word and a tag) is not CoNLL at
 * all (a binary file, another format): E_BAD_RECORD, rather than one sentence of junk scored
 * F1 0.
 */
export function readConll(path: string): ConllSentence[] {
  requireFile(path);
  const text = readFileSync(path, 'utf8');
  if (!hasConllLine(text)) {
    throw new NewsdigestError(
      'E_BAD_RECORD',
      path,
      'is not a CoNLL file: no line holds a word and an entity tag (such as "Paris NNP B-NP I-LOC")',
    );
  }
  return parseConll(text);
}

/** A chunk as token indices: [start, end) with its type. */
export interface Chunk {
  type: string;
  start: number;
  end: number;
}

/** conlleval's prefixes as chunkRuns' codes: L read as E, U as S. */
const PREFIX_CODES: Record<string, number> = { O: P_O, B: P_B, I: P_I, E: P_E, L: P_E, S: P_S, U: P_S };

function splitTag(tag: string): [string, string] {
  if (tag === 'O' || tag.length < 2 || tag[1] !== '-') return ['O', ''];
  return [tag[0]!, tag.slice(2)];
}

/**
 * Chunks of a tag sequence as conlleval sees them (IOB1, IOB2, and the E-/S-
 * of IOBES/BILOU, where L is read as E and U as S).
 */
export function chunksOf(tags: readonly string[]): Chunk[] {
  const split = tags.map(splitTag);
  return chunkRuns(
    tags.length,
    (i) => PREFIX_CODES[split[i]![0]] ?? P_OTHER,
    (i) => split[i]![1],
  );
}

export interface NerCounts {
  /** Per type: [correct, predicted, gold]. */
  byType: Map<string, [number, number, number]>;
  sentences: number;
}

export function newCounts(): NerCounts {
  return { byType: new Map(), sentences: 0 };
}

/** Adds one sentence's gold and predicted tags to the counts (exact span and type). */
export function addSentence(counts: NerCounts, gold: readonly string[], predicted: readonly string[]): void {
  counts.sentences++;
  const bump = (type: string, k: 0 | 1 | 2) => {
    let c = counts.byType.get(type);
    if (!c) {
      c = [0, 0, 0];
      counts.byType.set(type, c);
    }
    c[k]++;
  };
  const g = chunksOf(gold);
  const p = chunksOf(predicted);
  const goldKeys = new Set(g.map((c) => `${c.type}:${c.start}:${c.end}`));
  for (const c of g) bump(c.type, 2);
  for (const c of p) {
    bump(c.type, 1);
    if (goldKeys.has(`${c.type}:${c.start}:${c.end}`)) bump(c.type, 0);
  }
}

export interface NerScores {
  sentences: number;
  precision: number;
  recall: number;
  f1: number;
  perType: Record<string, { precision: number; recall: number; f1: number; gold: number; predicted: number }>;
}

export function scoreCounts(
  counts: NerCounts,
  types: readonly string[] = ['PER', 'ORG', 'LOC', 'MISC'],
): NerScores {
  let tp = 0;
  let pr = 0;
  let go = 0;
  const perType: NerScores['perType'] = {};
  const all = new Set([...types, ...counts.byType.keys()]);
  for (const t of all) {
    const [a, b, c] = counts.byType.get(t) ?? [0, 0, 0];
    tp += a;
    pr += b;
    go += c;
    perType[t] = { ...prf(a, b, c), gold: c, predicted: b };
  }
  return { sentences: counts.sentences, ...prf(tp, pr, go), perType };
}

/**
 * Groups sentences into the documents the tagger sees together: by -DOCSTART-
 * when the file has it, else in blocks of `window` consecutive sentences (a copy
 * without document marks; neighbouring sentences mostly share a story).
 */
export function conllDocuments(sentences: readonly ConllSentence[], window = 40): ConllSentence[][] {
  const docs: ConllSentence[][] = [];
  const marked = sentences.some((s) => s.docStart);
  let cur: ConllSentence[] = [];
  for (const s of sentences) {
    if (cur.length && (marked ? s.docStart : cur.length >= window)) {
      docs.push(cur);
      cur = [];
    }
    cur.push(s);
  }
  if (cur.length) docs.push(cur);
  return docs;
}

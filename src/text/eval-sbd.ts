/**
 * `newsdigest eval sbd`: sentence boundaries against gold, in either format
 * (./sbd-data.ts tells them apart):
 * - golden rules JSON: a case passes when our sentences, as trimmed strings,
 *   equal the expected ones exactly; the table lists the failing cases;
 * - CoNLL-U: boundary precision, recall and F1, a predicted sentence end
 *   matching a gold end at the same offset (trailing whitespace ignored); the
 *   table gives the figures per genre (from the `GUM_<genre>_` document ids).
 *
 * `--peers sbd,wink,...` also runs those peers' sbd wrappers (../shared/peers)
 * on the same texts and scores them the same way, in the same run.
 */
import { performance } from 'node:perf_hooks';
import { NewsdigestError } from '../errors.js';
import { runPeer } from '../eval/peers.js';
import type { EvalReport, EvalTask } from '../eval/report.js';
import { prf, round } from '../eval/report.js';
import { type GoldenCase, readSbdData, type SbdDocument } from './sbd-data.js';
import { sbdPeerPath } from './sbd-peers.js';
import { sentenceOffsets } from './sentences.js';

/** A segmenter under test: the sentence ends (exclusive offsets, trimmed) of each text. */
type Segmenter = (texts: string[]) => Promise<number[][]>;

const ours: Segmenter = async (texts) =>
  texts.map((t) => {
    const flat = sentenceOffsets(t);
    const ends: number[] = [];
    for (let k = 1; k < flat.length; k += 2) ends.push(flat[k]!);
    return ends;
  });

/**
 * A peer's segmenter: its wrapper returns trimmed sentence strings, which we
 * place back in the text in order (whitespace inside may differ) to get ends.
 */
function peer(name: string): Segmenter {
  return async (texts) => {
    const records = texts.map((text, k) => ({ id: String(k), text }));
    const run = await runPeer(sbdPeerPath(name)!, records, 0);
    return run.outputs.map((o, k) => {
      const sentences = Array.isArray(o['sentences']) ? (o['sentences'] as string[]) : [];
      return alignEnds(texts[k]!, sentences);
    });
  };
}

/** The end offset in `text` of each sentence string, matched in order, ignoring whitespace. */
export function alignEnds(text: string, sentences: readonly string[]): number[] {
  const ends: number[] = [];
  let pos = 0;
  for (const s of sentences) {
    let i = pos;
    let matched = 0;
    let j = 0;
    let last = -1;
    while (j < s.length && i < text.length) {
      const a = s.charCodeAt(j);
      if (a <= 32) {
        j++;
        continue;
      }
      const b = text.charCodeAt(i);
      if (b <= 32 || b === 0xa0) {
        i++;
        continue;
      }
      if (a === b) {
        matched++;
        last = i;
        i++;
        j++;
      } else if (matched === 0) {
        i++; // skip text the peer dropped before the sentence
      } else {
        break; // the peer changed the text; stop this sentence here
      }
    }
    if (last >= 0) {
      ends.push(last + 1);
      pos = last + 1;
    }
  }
  return ends;
}

function parsePeers(flag: unknown): string[] {
  if (typeof flag !== 'string' || flag === '') return [];
  const names = flag.split(',').map((s) => s.trim().replace(/^sbd-/, ''));
  for (const n of names) {
    if (!sbdPeerPath(n)) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--peers',
        `no peer wrapper sbd-${n} (expecting e.g. sbd,wink,compromise,natural)`,
      );
    }
  }
  return names;
}

function trimmed(text: string, s: number, e: number): string {
  return text.slice(s, e).trim();
}

async function golden(cases: GoldenCase[], peers: string[]): Promise<EvalReport> {
  const texts = cases.map((c) => c.text);
  const score = (ends: number[][]) =>
    cases.map((c, k) => {
      const got: string[] = [];
      let from = 0;
      for (const e of ends[k]!) {
        const s = trimmed(c.text, from, e);
        if (s) got.push(s);
        from = e;
      }
      const rest = trimmed(c.text, from, c.text.length);
      if (rest) got.push(rest);
      const pass = got.length === c.sentences.length && got.every((g, n) => g === c.sentences[n]!.trim());
      return { pass, got };
    });
  const mine = score(await ours(texts));
  const passed = mine.filter((r) => r.pass).length;
  const rows: (string | number)[][] = [];
  mine.forEach((r, k) => {
    if (!r.pass) rows.push([`#${k + 1}`, cases[k]!.sentences.join(' | '), r.got.join(' | ')]);
  });
  const peerFigures: Record<string, unknown> = {};
  const notes = [`newsdigest: ${passed}/${cases.length} cases pass`];
  for (const name of peers) {
    const res = score(await peer(name)(texts));
    const p = res.filter((r) => r.pass).length;
    peerFigures[name] = { passed: p, accuracy: round(p / cases.length) };
    notes.push(`peer sbd-${name}: ${p}/${cases.length} cases pass (same run)`);
  }
  if (rows.length === 0) rows.push(['(none)', 'every case passes', '']);
  return {
    figures: {
      task: 'sbd',
      cases: cases.length,
      passed,
      accuracy: round(passed / cases.length),
      ...(peers.length ? { peers: peerFigures } : {}),
    },
    columns: ['failing case', 'expected', 'got'],
    rows,
    notes,
  };
}

interface Counts {
  gold: number;
  predicted: number;
  matched: number;
}

function countDoc(doc: SbdDocument, predicted: readonly number[], c: Counts): void {
  const gold = new Set(doc.ends);
  c.gold += doc.ends.length;
  for (const e of predicted) {
    c.predicted++;
    if (gold.has(e)) c.matched++;
  }
}

function genreOf(id: string): string {
  const m = /^GUM_([a-z]+)_/.exec(id);
  return m ? m[1]! : 'other';
}

async function conllu(
  docs: SbdDocument[],
  peers: string[],
  progress?: (d: number, t?: number) => void,
): Promise<EvalReport> {
  const texts = docs.map((d) => d.text);
  const t0 = performance.now();
  const mine = await ours(texts);
  const seconds = (performance.now() - t0) / 1000;
  progress?.(docs.length, docs.length);
  const total: Counts = { gold: 0, predicted: 0, matched: 0 };
  const byGenre = new Map<string, Counts>();
  docs.forEach((d, k) => {
    const g = genreOf(d.id);
    let c = byGenre.get(g);
    if (!c) {
      c = { gold: 0, predicted: 0, matched: 0 };
      byGenre.set(g, c);
    }
    countDoc(d, mine[k]!, c);
    countDoc(d, mine[k]!, total);
  });
  const row = (label: string, c: Counts) => {
    const f = prf(c.matched, c.predicted, c.gold);
    return [label, c.gold, c.predicted, c.matched, f.precision, f.recall, f.f1];
  };
  const rows = [...[...byGenre.entries()].sort().map(([g, c]) => row(g, c)), row('newsdigest (all)', total)];
  const peerFigures: Record<string, unknown> = {};
  for (const name of peers) {
    const ends = await peer(name)(texts);
    const c: Counts = { gold: 0, predicted: 0, matched: 0 };
    docs.forEach((d, k) => {
      countDoc(d, ends[k]!, c);
    });
    const f = prf(c.matched, c.predicted, c.gold);
    peerFigures[name] = { precision: round(f.precision), recall: round(f.recall), f1: round(f.f1) };
    rows.push(row(`peer sbd-${name}`, c));
  }
  const f = prf(total.matched, total.predicted, total.gold);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  return {
    figures: {
      task: 'sbd',
      documents: docs.length,
      sentences: total.gold,
      precision: round(f.precision),
      recall: round(f.recall),
      f1: round(f.f1),
      ...(peers.length ? { peers: peerFigures } : {}),
    },
    columns: ['genre', 'gold', 'predicted', 'matched', 'precision', 'recall', 'F1'],
    rows,
    notes: [
      `${docs.length} documents, ${chars} characters; ours took ${(seconds * 1000).toFixed(0)} ms`,
      'a predicted end matches a gold end at the same offset (trailing whitespace ignored)',
    ],
  };
}

export const sbdTask: EvalTask = {
  name: 'sbd',
  summary: 'sentence boundaries: golden-rules cases passed, or CoNLL-U boundary P/R/F1',
  defaultData: 'sbd/golden-rules-en.json',
  flags: {
    peers: 'NAMES: also score these peers (comma-separated: sbd,wink,compromise,natural) in the same run',
    method:
      'CoNLL-U only: text (default: the # text lines), tokens (tokens joined by spaces), lower-tokens (the same, lower-cased, like the CNN/DM copy)',
  },
  async run({ data, limit, flags, progress }): Promise<EvalReport> {
    const peers = parsePeers(flags['peers']);
    const method = typeof flags['method'] === 'string' ? flags['method'] : 'text';
    if (method !== 'text' && method !== 'tokens' && method !== 'lower-tokens') {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--method',
        `expecting text, tokens or lower-tokens, instead found "${method}"`,
      );
    }
    const parsed = readSbdData(data, method);
    if (parsed.format === 'golden') {
      const cases = limit ? parsed.cases.slice(0, limit) : parsed.cases;
      return golden(cases, peers);
    }
    const docs = limit ? parsed.docs.slice(0, limit) : parsed.docs;
    const report = await conllu(docs, peers, progress);
    report.figures = { ...report.figures, ...(method !== 'text' ? { method } : {}) };
    return report;
  },
};

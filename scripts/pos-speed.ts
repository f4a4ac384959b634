/**
 * Speed of the part-of-speech tagger on news text: every sentence of a JSONL file's `text`
 * fields (PolNeAR by default) tagged as one sequence, in CPU time, best of several passes
 * after a warm-up. Our tokenizer (tokenOffsets) over the same texts is timed in the same
 * rounds, alternating, as the yardstick: on a shared machine only the ratio compares.
 *
 *   node dist/scripts/pos-speed.js [--data FILE] [--model FILE] [--rounds N] [--check]
 *
 * --check first compares tagRange's tags with those of the first version (pos-reference.ts)
 * over every sentence, and over windows of the sentences tagged piece by piece as the quotes
 * stage tags them (pieces of 1-13 tokens continuing the tags before them), and fails on a
 * difference.
 */
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import {
  loadPosModel,
  type PosModel,
  START,
  START2,
  shippedPosModel,
  tagRange,
} from '../src/syntax/index.js';
import { tagRangeReference } from '../src/syntax/pos-reference.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { tokenOffsets } from '../src/text/tokens.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      rounds: { type: 'string' },
      check: { type: 'boolean' },
    },
  });
  const path = values.data ?? '../shared/data/quotes-polnear/polnear.jsonl';
  const model = values.model ? loadPosModel(values.model) : shippedPosModel();
  if (!model) throw new Error('no model');
  const docs: { text: string; off: number[]; sents: [number, number][] }[] = [];
  for await (const r of readJsonl(path)) {
    const text = String((r as { text: unknown }).text ?? '');
    const off = tokenOffsets(text);
    const sents: [number, number][] = [];
    let k = 0;
    for (const s of sentenceSpans(text)) {
      while (k < off.length >> 1 && off[2 * k]! < s.start) k++;
      const a = k;
      while (k < off.length >> 1 && off[2 * k + 1]! <= s.end) k++;
      if (k > a) sents.push([a, k]);
    }
    docs.push({ text, off, sents });
  }
  const tokens = docs.reduce((n, d) => n + d.sents.reduce((m, [a, b]) => m + b - a, 0), 0);
  const out = new Uint8Array(1 << 16);
  if (values.check) check(model, docs);
  let best = Number.POSITIVE_INFINITY;
  let bestTok = Number.POSITIVE_INFINITY;
  const cpu = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
  const rounds = Number(values.rounds ?? 6);
  let sink = 0;
  for (let r = 0; r <= rounds; r++) {
    const c0 = process.cpuUsage();
    for (const d of docs) for (const [a, b] of d.sents) tagRange(model, d.text, d.off, a, b, out, 0);
    const c = process.cpuUsage(c0);
    const t0 = process.cpuUsage();
    for (const d of docs) sink += tokenOffsets(d.text).length;
    const t = process.cpuUsage(t0);
    if (r > 0) {
      best = Math.min(best, cpu(c));
      bestTok = Math.min(bestTok, cpu(t));
    }
  }
  // The tokenizer's output is used, so that its work cannot be dropped.
  if (sink === 0) throw new Error('no tokens');
  const per = (s: number) => ((s / docs.length) * 1000).toFixed(3);
  console.log(
    `${docs.length} articles, ${tokens} tokens: tagger ${Math.round(tokens / best).toLocaleString('en-US')} tokens/CPU-s, ${per(best)} CPU ms/article; tokenOffsets ${per(bestTok)} CPU ms/article; tagger/tokenizer ${(best / bestTok).toFixed(2)}`,
  );
}

/** Fails when tagRange and the first version's tagger disagree on a tag (whole sentences and pieces). */
function check(
  model: PosModel,
  docs: readonly { text: string; off: number[]; sents: [number, number][] }[],
): void {
  const a = new Uint8Array(1 << 16);
  const b = new Uint8Array(1 << 16);
  let compared = 0;
  let differ = 0;
  let seed = 11;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (const d of docs)
    for (const [s, e] of d.sents) {
      tagRange(model, d.text, d.off, s, e, a, 0);
      tagRangeReference(model, d.text, d.off, s, e, b, 0);
      // Pieces of 1-13 tokens, each continuing the tags before it or starting afresh.
      for (let x = s; x < e; ) {
        const y = Math.min(e, x + 1 + next(13));
        const fresh = x === s || next(3) === 0;
        const p1 = fresh ? START : a[e - s + x - 1 - s]!;
        const p2 = fresh || x - 1 === s ? START2 : a[e - s + x - 2 - s]!;
        tagRange(model, d.text, d.off, x, y, a, e - s + x - s, p1, p2);
        tagRangeReference(model, d.text, d.off, x, y, b, e - s + x - s, p1, p2);
        x = y;
      }
      for (let k = 0; k < 2 * (e - s); k++) {
        compared++;
        if (a[k] !== b[k]) differ++;
      }
    }
  console.log(`check: ${compared} tags compared with the first version, ${differ} differ`);
  if (differ) throw new Error('tagRange differs from the first version');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

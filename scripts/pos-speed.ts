/**
 * Speed of the part-of-speech tagger on news text: every sentence of a JSONL file's `text`
 * fields (PolNeAR by default) tagged as one sequence, in CPU time, best of several passes
 * after a warm-up. Our tokenizer (tokenOffsets) over the same texts is timed in the same
 * rounds, alternating, as the yardstick: on a shared machine only the ratio compares.
 *
 *   node dist/scripts/pos-speed.js [--data FILE] [--model FILE] [--rounds N]
 */
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import { loadPosModel, shippedPosModel, tagRange } from '../src/syntax/index.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { tokenOffsets } from '../src/text/tokens.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, model: { type: 'string' }, rounds: { type: 'string' } },
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

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * Cross-checks our ROUGE against the peer `rouge` (../shared/peers/bin/rouge, a port
 * checked equal to Google's rouge-score) on random pairs: texts made of random words
 * and random sentence pieces from a JSONL(.gz) file of articles, so that the stemmer
 * meets a real vocabulary. Prints the largest absolute difference as a JSON line.
 *
 *   node dist/scripts/summarize-rouge-crosscheck.js [--data FILE] [--pairs N] [--seed S]
 */
import { parseArgs } from 'node:util';
import { peerAvailable, runPeer } from '../bench/harness.js';
import { defaultDataDir, readJsonl } from '../src/eval/data.js';
import { seededRandom as rng } from '../src/seeded-random.js';
import { ROUGE_TYPES, rougeScores } from '../src/summarize/rouge.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    pairs: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '7' },
  },
});
const data = values.data ?? `${defaultDataDir()}/cnndm/validation.jsonl.gz`;
const pairs = Number(values.pairs);

const rand = rng(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const words: string[] = [];
const seen = new Set<string>();
const pieces: string[] = [];
for await (const rec of readJsonl<{ article?: string; text?: string }>(data, 2000)) {
  const text = rec.article ?? rec.text ?? '';
  for (const w of text.split(/\s+/)) {
    if (w && !seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const sents = text.split(/ \. /);
  for (let i = 0; i < 3 && sents.length; i++) pieces.push(pick(sents));
}

function randomText(): string {
  const lines: string[] = [];
  const nLines = 1 + Math.floor(rand() * 4);
  for (let l = 0; l < nLines; l++) {
    if (rand() < 0.4) lines.push(pick(pieces));
    else {
      const n = 1 + Math.floor(rand() * 25);
      const ws: string[] = [];
      for (let i = 0; i < n; i++)
        ws.push(rand() < 0.3 ? pick(['the', 'a', 'said', ',', '.', 'of']) : pick(words));
      lines.push(ws.join(' '));
    }
    if (rand() < 0.1) lines.push('');
  }
  return lines.join('\n');
}

if (!peerAvailable('rouge')) {
  console.error('the peer rouge is not installed (../shared/peers/bin/rouge); nothing to compare with');
  process.exit(2);
}
const records = Array.from({ length: pairs }, (_, i) => ({
  id: String(i),
  target: randomText(),
  prediction: randomText(),
}));
const { outputs } = await runPeer('rouge', records, 0);
let max = 0;
let compared = 0;
for (const [i, out] of outputs.entries()) {
  const rec = records[i]!;
  const ours = rougeScores(rec.target, rec.prediction);
  for (const t of ROUGE_TYPES) {
    const theirs = out[t] as { p: number; r: number; f: number };
    const d = Math.max(
      Math.abs(theirs.p - ours[t].precision),
      Math.abs(theirs.r - ours[t].recall),
      Math.abs(theirs.f - ours[t].fmeasure),
    );
    if (d > 1e-9)
      console.error(`pair ${i} ${t}: ours ${JSON.stringify(ours[t])} peer ${JSON.stringify(theirs)}`);
    max = Math.max(max, d);
  }
  compared++;
}
console.log(
  JSON.stringify({ task: 'rouge-crosscheck', pairs: compared, vocabulary: words.length, maxAbsDiff: max }),
);

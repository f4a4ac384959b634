/**
 * The truecasing table of the NER tagger (models/ner/truecase.tsv): for words that
 * are usually written with capitals mid-sentence in cased news text (BBC News,
 * PolNeAr, conll2003/eng.train), their usual form. The tagger uses it only on
 * documents that are entirely lower case, where capitalisation, its strongest
 * cue, is missing.
 *
 * usage: node dist/scripts/entities-truecase.js [--data DIR] [--out models/ner/truecase.tsv] [--min 3]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConll } from '../src/entities/conll.js';
import { tokenSpans } from '../src/text/tokens.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dataDir = resolve(flag('data', process.env['NEWSDIGEST_DATA'] ?? '../shared/data'));
const outPath = resolve(flag('out', 'models/ner/truecase.tsv'));
const MIN = Number(flag('min', '3'));

/** lower form → surface form → count, over mid-sentence tokens of sentences that are not all capitals. */
const counts = new Map<string, Map<string, number>>();

function addSentence(words: string[]) {
  const letters = words.filter((w) => /\p{L}/u.test(w));
  if (letters.length > 1 && letters.every((w) => !/\p{Ll}/u.test(w))) return; // a headline in capitals
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (!/\p{L}/u.test(w)) continue;
    const lower = w.toLowerCase();
    let forms = counts.get(lower);
    if (!forms) {
      forms = new Map();
      counts.set(lower, forms);
    }
    forms.set(w, (forms.get(w) ?? 0) + 1);
  }
}

for (const s of readConll(join(dataDir, 'conll2003/eng.train'))) addSentence(s.words);
for (const [file, field] of [
  ['bbc-news-summary/bbc-news-summary.jsonl', 'text'],
  ['quotes-polnear/polnear.jsonl', 'text'],
] as const) {
  for (const line of readFileSync(join(dataDir, file), 'utf8').split('\n')) {
    if (!line) continue;
    const text = (JSON.parse(line) as Record<string, string>)[field] ?? '';
    for (const para of text.split(/\n+/)) {
      // Sentence starts are unknown here; a paragraph's first word is skipped, others are mid-sentence enough.
      addSentence(tokenSpans(para).map((t) => para.slice(t.start, t.end)));
    }
  }
}

const out = ['# truecasing: lower-case form, usual cased form (words usually capitalised mid-sentence)'];
for (const [lower, forms] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  let best = '';
  let bestCount = 0;
  let total = 0;
  for (const [f, c] of forms) {
    total += c;
    if (c > bestCount) {
      best = f;
      bestCount = c;
    }
  }
  if (total < MIN || best === lower || bestCount * 2 <= total) continue;
  out.push(`${lower}\t${best}`);
}
writeFileSync(outPath, `${out.join('\n')}\n`);
console.error(`wrote ${outPath}: ${out.length - 1} words`);

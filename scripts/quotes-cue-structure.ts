/**
 * How PolNeAR's annotators bound a cue, by structure (quotes-13): train only, gold cues, no model
 * but the part-of-speech tagger (src/syntax). Prints:
 *  1. with the source before the cue and the content after it, how often the gold cue ends where
 *     the content starts (nothing but "that" or punctuation between), and what the words between
 *     start with when it does not; with the content before, what follows the cue up to the next
 *     punctuation;
 *  2. a prepositional phrase (a preposition, then words of a noun phrase ending on a noun) right
 *     after a cue's last verb: how often the gold cue takes it in, by where the content lies, and
 *     per key (the preposition and the phrase's last word) seen at least --min times;
 *  3. the addressee of "told", "asked", … : in the cue or between the cue and the content.
 *
 *   node dist/scripts/quotes-cue-structure.js [--data DIR] [--min 5]
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import { prepare } from '../src/quotes/cue-counts.js';
import { type GoldArticle, parseGoldArticle } from '../src/quotes/eval-quotes.js';
import { tokenIndexAt, unitsOf } from '../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { shippedPosModel, TAGS, tagRange } from '../src/syntax/index.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, min: { type: 'string' } } });
const MIN = Number(values.min ?? 5);
const NP = new Set(['DT', 'PRP$', 'JJ', 'JJR', 'JJS', 'CD', 'NN', 'NNS', 'NNP', 'NNPS', 'POS', 'PRP']);
const HEAD = new Set(['NN', 'NNS', 'NNP', 'NNPS', 'PRP', 'CD']);
/** Words tagged IN that open the content, not a prepositional phrase. */
const COMPLEMENTIZERS = new Set(['that', 'whether', 'if', 'because', 'while', 'although', 'though']);
const TELL =
  /^(tell|tells|told|telling|ask|asks|asked|asking|urge|urges|urged|warn|warns|warned|assure|assures|assured)$/;

const counts = new Map<string, number>();
const bump = (key: string, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by);
/** Per key: [taken in, left out]. */
const taken = new Map<string, [number, number]>();
const take = (key: string, inside: boolean) => {
  const c = taken.get(key) ?? [0, 0];
  c[inside ? 0 : 1]++;
  taken.set(key, c);
};

function study(g: GoldArticle): void {
  const model = shippedPosModel();
  if (!model) throw new Error('no part-of-speech model');
  const p = prepare(g);
  const t = p.table;
  const tags = new Uint8Array(t.count);
  for (const [ts, te] of unitsOf(sentenceSpans(g.text), findQuoteRegions(g.text), t))
    if (te > ts) tagRange(model, g.text, t.off, ts, te, tags);
  const tag = (k: number) => TAGS[tags[k]!]!;
  const tokenAt = (offset: number) => tokenIndexAt(t, offset);
  /** The prepositional phrase starting at k (before `limit`): its end and key, or undefined. */
  const phraseAt = (k: number, limit: number): [number, string] | undefined => {
    if (k >= limit || t.region[k] !== -1 || COMPLEMENTIZERS.has(t.lower[k]!)) return undefined;
    if (tag(k) !== 'IN' && tag(k) !== 'TO') return undefined;
    let last = -1;
    for (let j = k + 1; j < limit && t.region[j] === -1 && NP.has(tag(j)); j++)
      if (HEAD.has(tag(j))) last = j + 1;
    return last < 0 ? undefined : [last, `${t.lower[k]!} … ${t.lower[last - 1]!}`];
  };
  for (const at of g.attributions) {
    if (!at.cue) continue;
    const a = tokenAt(at.cue.start);
    let b = tokenAt(at.cue.end - 1) + 1;
    while (b > a && !t.word[b - 1]) b--;
    if (b <= a || t.region[a] !== -1) continue;
    const content = !at.content
      ? 'no content'
      : at.content.start >= at.cue.end
        ? 'content after'
        : at.content.end <= at.cue.start
          ? 'content before'
          : 'content around';
    const sourceBefore = at.source !== undefined && at.source.end <= at.cue.start;
    // 1. Where the cue ends against the content.
    if (sourceBefore && content === 'content after') {
      const cs = tokenAt(at.content!.start);
      const between: number[] = [];
      for (let k = b; k < cs; k++) if (t.word[k] && t.lower[k] !== 'that') between.push(k);
      bump('1. source before, content after: cues');
      if (!between.length) bump('1. source before, content after: the cue ends where the content starts');
      else bump(`1. source before, content after: words between, the first a ${tag(between[0]!)}`);
    }
    if (sourceBefore && content === 'content before') {
      let k = b;
      while (k < t.count && t.word[k] && t.region[k] === -1) k++;
      bump('1. source before, content before: cues');
      bump(
        `1. source before, content before: words after the cue to the next punctuation: ${Math.min(k - b, 3)}${k - b >= 3 ? '+' : ''}`,
      );
    }
    // 2. A prepositional phrase after the cue's last verb: inside the cue (ending it) or right after it.
    let v = -1;
    for (let k = a; k < b; k++) if (tag(k).startsWith('VB')) v = k;
    if (v >= 0) {
      for (let k = v + 1; k < b; ) {
        const ph = phraseAt(k, b);
        if (!ph) break;
        if (ph[0] === b) {
          take(`2. ${content}`, true);
          take(ph[1], true);
        }
        k = ph[0];
      }
      if (v === b - 1) {
        const ph = phraseAt(b, t.count);
        if (ph) {
          take(`2. ${content}`, false);
          take(ph[1], false);
        }
      }
    }
    // 3. The addressee of "told", "asked", ….
    if (TELL.test(t.lower[a]!) && content === 'content after') {
      const cs = tokenAt(at.content!.start);
      let words = 0;
      for (let k = b; k < cs; k++) if (t.word[k] && t.lower[k] !== 'that') words++;
      bump(
        `3. told/asked/…, content after: ${b - a > 1 ? 'the cue runs on' : 'one-word cue'}, ${words ? 'words between cue and content' : 'nothing between'}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const path = join(resolve(values.data ?? '../shared/data'), 'quotes-polnear', 'polnear.jsonl');
  let n = 0;
  let articles = 0;
  for await (const r of readJsonl(path)) {
    const g = parseGoldArticle(r, `${path}: record ${++n}`);
    if (g.split !== 'train') continue;
    articles++;
    study(g);
  }
  console.log(`PolNeAR train, ${articles} articles\n\n| count | what |\n| --- | --- |`);
  for (const [k, v] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)))
    console.log(`| ${v} | ${k} |`);
  const rate = ([i, o]: [number, number]) => `${i}/${i + o} (${(i / (i + o)).toFixed(2)})`;
  console.log("\n| prepositional phrase after the cue's verb | taken in / all |\n| --- | --- |");
  for (const [k, c] of taken) if (k.startsWith('2.')) console.log(`| ${k} | ${rate(c)} |`);
  const keys = [...taken].filter(([k, c]) => !k.startsWith('2.') && c[0] + c[1] >= MIN);
  const high = keys.filter(([, c]) => c[0] >= c[1]);
  console.log(
    `\n${keys.length} keys (preposition … last word) seen ≥ ${MIN} times, ${keys.reduce((s, [, c]) => s + c[0] + c[1], 0)} cases; taken in at least half the time: ${high.length} (${high.reduce((s, [, c]) => s + c[0] + c[1], 0)} cases)\n`,
  );
  console.log('| key | taken in / all |\n| --- | --- |');
  for (const [k, c] of keys.sort((x, y) => y[1][0] + y[1][1] - (x[1][0] + x[1][1])).slice(0, 30))
    console.log(`| ${k} | ${rate(c)} |`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});

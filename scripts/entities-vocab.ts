/**
 * The frequent-word list of the NER model (models/ner/frequent-words.tsv): the word
 * forms a news text is most likely to hold, whose attribute ids and tagger records the
 * compile step (scripts/entities-compile.ts) computes once and stores in tagger.bin, so
 * that a process meeting such a word for the first time reads its record instead of
 * computing it (issue #8: every worker paid for its first sight of each word).
 *
 * Only training text is read: the lower-cased cnndm train chunk (word counts), and the
 * cased conll2003/eng.train and PolNeAR train articles (counts of each spelling). The
 * cnndm text has no case, so a lower-case form's count is shared among its spellings as
 * the cased text spells it (with a small prior for the lower-case and capitalised forms,
 * for words the cased text lacks). The two sources weigh the same (frequencies per
 * token). Forms are ranked by that estimated frequency; the first --words are written.
 *
 *   node dist/scripts/entities-vocab.js [--data DIR] [--words 20000] [--out models/ner/frequent-words.tsv]
 *     [--check FILE.jsonl [--split dev]]   (coverage of a check text's words, for choosing --words)
 *
 * Then `node dist/scripts/entities-compile.js` rebuilds tagger.bin with the list.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { readConll } from '../src/entities/conll.js';
import { tokenSpans } from '../src/text/tokens.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dataDir = resolve(flag('data', process.env['NEWSDIGEST_DATA'] ?? '../shared/data'));
const outPath = resolve(flag('out', 'models/ner/frequent-words.tsv'));
const WORDS = Number(flag('words', '20000'));
const check = args.includes('--check') ? resolve(flag('check', '')) : undefined;
const checkSplit = flag('split', '');

/** Prior shares of a lower-case form's spellings when the cased text has few or none of it. */
const PRIOR_LOWER = 0.85;
const PRIOR_CAPITALISED = 0.15;
const PRIOR_WEIGHT = 2;

const capitalised = (l: string) => l.charAt(0).toUpperCase() + l.slice(1);

function add(counts: Map<string, number>, w: string, n = 1) {
  counts.set(w, (counts.get(w) ?? 0) + n);
}

/** Words of a text with our tokenizer, paragraph by paragraph. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n+/))
    for (const t of tokenSpans(para)) out.push(para.slice(t.start, t.end));
  return out;
}

async function lowerCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const lines = createInterface({
    input: createReadStream(join(dataDir, 'cnndm/train-00.jsonl.gz')).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (!line) continue;
    const article = (JSON.parse(line) as { article?: unknown }).article;
    if (typeof article !== 'string') continue;
    for (const w of article.split(/\s+/)) if (w) add(counts, w);
  }
  return counts;
}

function casedCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of readConll(join(dataDir, 'conll2003/eng.train'))) for (const w of s.words) add(counts, w);
  for (const line of readFileSync(join(dataDir, 'quotes-polnear/polnear.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line) as { split?: string; text?: string };
    if (a.split !== 'train' || !a.text) continue;
    for (const w of words(a.text)) add(counts, w);
  }
  return counts;
}

const total = (m: Map<string, number>) => {
  let n = 0;
  for (const c of m.values()) n += c;
  return n;
};

/** Each form's estimated frequency per million tokens of cased news text. */
function estimate(lower: Map<string, number>, cased: Map<string, number>): Map<string, number> {
  const lowerTotal = total(lower);
  const casedTotal = total(cased);
  const spellings = new Map<string, Map<string, number>>();
  for (const [w, c] of cased) {
    const l = w.toLowerCase();
    let s = spellings.get(l);
    if (!s) {
      s = new Map();
      spellings.set(l, s);
    }
    s.set(w, c);
  }
  const est = new Map<string, number>();
  for (const [w, c] of cased) add(est, w, (c / casedTotal) * 1e6);
  for (const [l, c] of lower) {
    const s = spellings.get(l) ?? new Map<string, number>();
    const seen = total(s);
    const shares = new Map<string, number>();
    for (const [w, n] of s) add(shares, w, n);
    add(shares, l, PRIOR_WEIGHT * PRIOR_LOWER);
    if (capitalised(l) !== l) add(shares, capitalised(l), PRIOR_WEIGHT * PRIOR_CAPITALISED);
    const f = (c / lowerTotal) * 1e6;
    for (const [w, n] of shares) add(est, w, (f * n) / (seen + PRIOR_WEIGHT));
  }
  return est;
}

/** Coverage of a check text's distinct words (and tokens) by the first n forms, for several n. */
function coverage(ranked: string[], vocabForms: Set<string>): void {
  const counts = new Map<string, number>();
  for (const line of readFileSync(check!, 'utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line) as { split?: string; text?: string; article?: string };
    if (checkSplit && a.split !== checkSplit) continue;
    for (const w of words(a.text ?? a.article ?? '')) add(counts, w);
  }
  // The words the model already stores (its vocabulary's word forms) are not new.
  const fresh = [...counts].filter(([w]) => !vocabForms.has(w));
  const freshTokens = fresh.reduce((s, [, c]) => s + c, 0);
  console.log(
    `${check}${checkSplit ? ` (${checkSplit})` : ''}: ${counts.size} distinct words, ${fresh.length} not among the vocabulary's forms`,
  );
  for (const n of [5000, 10000, 20000, 30000, 40000, 60000, 100000]) {
    const top = new Set(ranked.slice(0, n));
    let types = 0;
    let tokens = 0;
    for (const [w, c] of fresh)
      if (top.has(w)) {
        types++;
        tokens += c;
      }
    console.log(
      `  first ${n}: ${((100 * types) / fresh.length).toFixed(1)} % of those words, ${((100 * tokens) / freshTokens).toFixed(1)} % of their tokens`,
    );
  }
}

const lower = await lowerCounts();
const cased = casedCounts();
const est = estimate(lower, cased);
const ranked = [...est].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
if (check) {
  const model = JSON.parse(readFileSync(resolve('models/ner/model.json'), 'utf8')) as { vocab: string[] };
  coverage(ranked, new Set(model.vocab.filter((v) => /^[wl]:/.test(v)).map((v) => v.slice(2))));
} else {
  const lines = [
    `# frequent word forms of news text, estimated per million tokens (cnndm train-00 lower-case counts, spellings from conll2003/eng.train and PolNeAR train); scripts/entities-vocab.ts --words ${WORDS}`,
    ...ranked.slice(0, WORDS).map((w) => `${w}\t${est.get(w)!.toFixed(3)}`),
  ];
  writeFileSync(outPath, `${lines.join('\n')}\n`);
  console.log(`${outPath}: ${Math.min(WORDS, ranked.length)} forms of ${ranked.length}`);
}

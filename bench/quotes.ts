/**
 * `newsdigest bench quotes --data polnear.jsonl`: the quotes stage on PolNeAR texts,
 * sentences given (split beforehand, outside the timing, as the text stage would
 * have done), one core.
 *
 * No peer extracts attributions, so there is no like-for-like ratio. As a same-run
 * reference point on the same texts we time (1) our own sentence splitting and
 * (2) the `sbd` npm sentence splitter as a peer process (start-up included), the
 * cheapest text pass a user would run on these articles anyway.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import type { EvalReport } from '../src/eval/report.js';
import { quotesStage } from '../src/quotes/index.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { makeTiming, peersBinDir, speedReport, type Timing, timeOurs } from './harness.js';
import type { BenchTask } from './registry.js';

/**
 * Runs the `sbd` peer. Its wrapper `sbd-sbd` is a link to `sbd-js`; where the link
 * did not survive (a plain file), `sbd-js --tool sbd` is the same program.
 */
function runSbd(texts: readonly string[], bytes: number): Promise<Timing | undefined> {
  const bin = peersBinDir();
  const js = resolve(bin, 'sbd-js');
  if (!existsSync(js)) return Promise.resolve(undefined);
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [js, '--tool', 'sbd'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let lines = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (const c of d) if (c === 10) lines++;
    });
    child.on('error', () => done(undefined));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0 || lines !== texts.length) return done(undefined);
      done(makeTiming('sbd (peer, sentences only)', texts.length, bytes, seconds));
    });
    child.stdin.on('error', () => {});
    for (const [i, text] of texts.entries())
      child.stdin.write(`${JSON.stringify({ id: String(i), text })}\n`);
    child.stdin.end();
  });
}

export const quotesBench: BenchTask = {
  name: 'quotes',
  summary: 'the quotes stage on PolNeAR texts (sentences given), one core, with same-run reference points',
  defaultData: 'quotes-polnear/polnear.jsonl',
  async run(args): Promise<EvalReport> {
    const texts: string[] = [];
    for await (const r of readJsonl(args.data, args.limit)) {
      if (typeof r['text'] === 'string') texts.push(r['text']);
    }
    const bytesOf = (t: string) => Buffer.byteLength(t, 'utf8');
    const bytes = texts.reduce((s, t) => s + bytesOf(t), 0);
    const articles: Article[] = texts.map((text, i) => ({
      schemaVersion: SCHEMA_VERSION,
      id: String(i),
      text,
      source: { format: 'text' },
      sentences: sentenceSpans(text),
    }));
    // Models (lexicon, tagger) are loaded once per process, before the timing: a batch pays
    // that once, not per article.
    if (articles[0]) {
      quotesStage.run(articles[0], {});
      quotesStage.run(articles[0], { quotes: { cues: 'rules' } });
    }
    const ours = timeOurs(
      'newsdigest quotes stage (default cues: the tagger when shipped)',
      articles,
      (a) => bytesOf(a.text),
      (a) => quotesStage.run(a, {}),
    );
    // The rules alone (options.quotes.cues = 'rules'), same texts, same run.
    const rules = timeOurs(
      'newsdigest quotes stage, cues: rules',
      articles,
      (a) => bytesOf(a.text),
      (a) => quotesStage.run(a, { quotes: { cues: 'rules' } }),
    );
    const split = timeOurs('newsdigest sentenceSpans (reference)', texts, bytesOf, (t) => sentenceSpans(t));
    const peer = await runSbd(texts, bytes);
    let quotes = 0;
    for (const a of articles) quotes += ((quotesStage.run(a, {}) as Article).quotes ?? []).length;
    const report = speedReport('quotes', ours, peer ? [rules, split, peer] : [rules, split], {
      quotesPerArticle: Math.round((quotes / articles.length) * 10) / 10,
    });
    report.notes = [
      ...(report.notes ?? []),
      'no peer extracts attributions: the other rows are same-run reference points (sentence splitting only)',
      ...(peer ? [] : ['the sbd peer could not be run (../shared/peers/bin/sbd-js)']),
    ];
    return report;
  },
};

/**
 * `newsdigest eval extract`: the body our layout stage finds on each page of an
 * extraction benchmark folder (html/<id>.html + ground-truth.jsonl with
 * {id, articleBody}), scored with the benchmark's own metric.
 *
 *   --method html   (default) digest the HTML
 *   --method text   render each page as a whole-page text dump first and run the
 *                   text path on it (how well furniture is told apart in plain text)
 *   --peers FILE    score the given outputs JSONL ({id, text} or {id, articleBody})
 *                   instead of running ours: checks this scorer against the reference
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bodyText } from '../article/render.js';
import type { Article } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { readJsonl, requireDir, requireFile } from '../eval/data.js';
import { type EvalReport, type EvalTask, round } from '../eval/report.js';
import { decodeBytes } from '../ingest/decode.js';
import { pageToArticle } from '../ingest/page.js';
import { aggregateScores, type PageScore, scorePage } from './extraction-score.js';
import { htmlToTextDump } from './html/text-dump.js';
import { layoutStage } from './index.js';

interface Truth {
  id: string;
  url?: string;
  articleBody: string;
}

async function readOutputs(path: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const r of readJsonl<Record<string, unknown>>(path)) {
    if (typeof r['id'] !== 'string') continue;
    const t = typeof r['text'] === 'string' ? r['text'] : r['articleBody'];
    out.set(r['id'], typeof t === 'string' ? t : '');
  }
  return out;
}

/** Our body text for one page; an empty string when the page yields no article. */
async function ourBody(html: string, url: string | undefined, method: string, id: string): Promise<string> {
  try {
    // Only ingest and layout run: the other stages do not change the body.
    const page =
      method === 'text' ? { id, text: htmlToTextDump(html) } : { id, html, ...(url ? { url } : {}) };
    return bodyText(layoutStage.run(pageToArticle(page), {}) as Article);
  } catch (e) {
    if (e instanceof NewsdigestError) return '';
    throw e;
  }
}

export const extractTask: EvalTask = {
  name: 'extract',
  summary: 'article-body extraction: benchmark 4-gram shingle P/R/F1 and exact-match accuracy',
  defaultData: 'extraction',
  flags: {
    method: 'html (default): digest the HTML; text: run the text path on whole-page text dumps',
    peers: 'FILE: score this outputs JSONL ({id, text|articleBody}) instead of our extraction',
  },
  async run({ data, limit, flags, progress }): Promise<EvalReport> {
    requireDir(data);
    const truthPath = join(data, 'ground-truth.jsonl');
    requireFile(truthPath);
    const method = typeof flags['method'] === 'string' ? flags['method'] : 'html';
    if (method !== 'html' && method !== 'text')
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--method',
        `expecting html or text, instead found "${method}"`,
      );
    const outputsPath = typeof flags['peers'] === 'string' ? flags['peers'] : undefined;
    const outputs = outputsPath ? await readOutputs(outputsPath) : undefined;
    const truths: Truth[] = [];
    for await (const t of readJsonl<Truth>(truthPath, limit)) truths.push(t);
    const rows: PageScore[] = [];
    let empty = 0;
    for (const [i, t] of truths.entries()) {
      let body: string;
      if (outputs) body = outputs.get(t.id) ?? '';
      else {
        const path = join(data, 'html', `${t.id}.html`);
        requireFile(path);
        const html = decodeBytes(readFileSync(path), path).text;
        body = await ourBody(html, t.url, method, t.id);
      }
      if (!body.trim()) empty++;
      rows.push(scorePage(t.articleBody ?? '', body));
      progress?.(i + 1, truths.length);
    }
    const f = aggregateScores(rows);
    const label = outputsPath ? outputsPath.split('/').pop()! : `newsdigest (${method})`;
    return {
      figures: {
        task: 'extract',
        pages: f.pages,
        precision: round(f.precision),
        recall: round(f.recall),
        f1: round(f.f1),
        accuracy: round(f.accuracy),
        ...(outputsPath ? { scored: label } : { method }),
      },
      columns: ['extractor', 'pages', 'empty', 'precision', 'recall', 'F1', 'accuracy'],
      rows: [[label, f.pages, empty, f.precision, f.recall, f.f1, f.accuracy]],
      notes: [`data: ${data}`],
    };
  },
};

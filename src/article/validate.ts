/**
 * Checks an Article against its schema and the invariants a schema cannot state:
 * every span lies inside `text`, `start <= end`, and ordered layers are in order.
 */
import * as v from 'valibot';
import { ArticleSchema } from './schema.js';
import type { Article, Span } from './types.js';

export interface ArticleIssue {
  /** Where in the Article, e.g. "blocks[3].end". */
  path: string;
  message: string;
}

export type ArticleCheck = { ok: true; article: Article } | { ok: false; issues: ArticleIssue[] };

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.') || '(root)';
}

function checkSpan(issues: ArticleIssue[], length: number, span: Span, path: string): void {
  if (span.start > span.end) issues.push({ path, message: `start ${span.start} is after end ${span.end}` });
  if (span.end > length)
    issues.push({ path, message: `end ${span.end} is past the text's length ${length}` });
}

function checkOrdered(issues: ArticleIssue[], spans: readonly Span[] | undefined, layer: string): void {
  if (!spans) return;
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]!;
    const cur = spans[i]!;
    if (cur.start < prev.end) {
      issues.push({
        path: `${layer}[${i}]`,
        message: `starts at ${cur.start}, inside or before ${layer}[${i - 1}] (${prev.start}-${prev.end})`,
      });
    }
  }
}

/** Every span in the Article, with a path naming where it sits. */
export function* allSpans(article: Article): Generator<[string, Span]> {
  for (const [i, b] of (article.blocks ?? []).entries()) yield [`blocks[${i}]`, b];
  for (const [i, s] of (article.sentences ?? []).entries()) yield [`sentences[${i}]`, s];
  for (const [i, h] of (article.highlights?.items ?? []).entries()) {
    if (h.span) yield [`highlights.items[${i}].span`, h.span];
  }
  for (const [i, e] of (article.entities ?? []).entries()) {
    for (const [j, m] of e.mentions.entries()) yield [`entities[${i}].mentions[${j}]`, m];
  }
  for (const [i, q] of (article.quotes ?? []).entries()) {
    yield [`quotes[${i}]`, q];
    yield [`quotes[${i}].cue`, q.cue];
    if (q.speaker) yield [`quotes[${i}].speaker`, q.speaker];
  }
}

export function checkArticle(input: unknown): ArticleCheck {
  const parsed = v.safeParse(ArticleSchema, input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.issues.map((i) => ({ path: pathOf(i), message: i.message })) };
  }
  const article = parsed.output;
  const issues: ArticleIssue[] = [];
  const length = article.text.length;
  for (const [path, span] of allSpans(article)) checkSpan(issues, length, span, path);
  checkOrdered(issues, article.blocks, 'blocks');
  checkOrdered(issues, article.sentences, 'sentences');
  const sentenceCount = article.sentences?.length ?? 0;
  for (const [i, s] of (article.sentences ?? []).entries()) {
    if (s.block !== undefined && s.block >= (article.blocks?.length ?? 0)) {
      issues.push({ path: `sentences[${i}].block`, message: `no block ${s.block}` });
    }
  }
  for (const [i, h] of (article.highlights?.items ?? []).entries()) {
    if (h.sentence !== undefined && h.sentence >= sentenceCount) {
      issues.push({ path: `highlights.items[${i}].sentence`, message: `no sentence ${h.sentence}` });
    }
  }
  const entityIds = new Set((article.entities ?? []).map((e) => e.id));
  for (const [i, q] of (article.quotes ?? []).entries()) {
    if (q.speaker?.entity !== undefined && !entityIds.has(q.speaker.entity)) {
      issues.push({ path: `quotes[${i}].speaker.entity`, message: `no entity "${q.speaker.entity}"` });
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, article };
}

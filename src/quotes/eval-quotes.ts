/**
 * `newsdigest eval quotes --data FILE [--split train|dev]`: attribution extraction
 * scored on PolNeAR-format JSONL (one article per line with `text` and
 * `attributions` of `source`, `cue` and `content` spans).
 *
 * Each article goes through the text, entities and quotes stages (no layout: the
 * records are plain text, and attributions in titles count too). Each role is
 * scored on its own, exact and overlap, with a maximum one-to-one matching per
 * article (see score-attributions.ts).
 *
 * With `--predictions FILE`, the pipeline is not run: the attributions of a second
 * PolNeAR-format file (records matched to `--data`'s by `id`) are scored against the gold
 * with the same matching and scorer, so that any tool's output, or another annotator's,
 * can be scored on our metric.
 */

import { SCHEMA_VERSION } from '../article/schema.js';
import type { Article, Span } from '../article/types.js';
import { entitiesStage } from '../entities/index.js';
import { NewsdigestError } from '../errors.js';
import { readJsonl } from '../eval/data.js';
import { type EvalReport, type EvalTask, round } from '../eval/report.js';
import { runStages } from '../pipeline.js';
import { textStage } from '../text/index.js';
import { shippedLexicon } from './cue-lexicon.js';
import { shippedTagger } from './cue-tagger.js';
import { type Attribution, extractAttributions } from './extract-attributions.js';
import { quotesStage } from './index.js';
import { addRole, type Criterion, emptyCounts, type MatchCounts, scoresOf } from './score-attributions.js';

export const ROLES = ['content', 'source', 'cue'] as const;
export type Role = (typeof ROLES)[number];

/** One gold attribution: each role present or not. */
export type GoldAttribution = Partial<Record<Role, Span>>;

export interface GoldArticle {
  id: string;
  split?: string;
  text: string;
  attributions: GoldAttribution[];
}

/**
 * A role's span as scored: a span with gaps is scored as the range that covers
 * its parts (the record's own start/end can be out of order when the parts are).
 */
function roleSpan(value: unknown, where: string): Span | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as { start?: unknown; end?: unknown; spans?: unknown };
  const parts: { start?: unknown; end?: unknown }[] =
    Array.isArray(v.spans) && v.spans.length ? (v.spans as { start?: unknown; end?: unknown }[]) : [v];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const p of parts) {
    if (typeof p.start !== 'number' || typeof p.end !== 'number') {
      throw new NewsdigestError('E_BAD_RECORD', where, 'a span lacks numeric start and end');
    }
    start = Math.min(start, p.start, p.end);
    end = Math.max(end, p.start, p.end);
  }
  return { start, end };
}

/** Parses one PolNeAR-format record; throws a NewsdigestError naming the record when it is not one. */
export function parseGoldArticle(record: Record<string, unknown>, where: string): GoldArticle {
  const { id, split, text, attributions } = record;
  if (typeof text !== 'string') throw new NewsdigestError('E_BAD_RECORD', where, 'no "text" string');
  if (!Array.isArray(attributions)) {
    throw new NewsdigestError('E_BAD_RECORD', where, 'no "attributions" array');
  }
  const name = typeof id === 'string' ? id : where;
  return {
    id: name,
    split: typeof split === 'string' ? split : undefined,
    text,
    attributions: attributions.map((a: Record<string, unknown>, i: number) => {
      const out: GoldAttribution = {};
      for (const role of ROLES) {
        const span = roleSpan(a?.[role], `${where} (${name}) attributions[${i}].${role}`);
        if (span) out[role] = span;
      }
      return out;
    }),
  };
}

/** One record of a predictions file: its text when it carries one, its spans by role. */
export interface PredictedArticle {
  text?: string;
  roles: Record<Role, Span[]>;
  /** How many attributions the record holds. */
  attributions: number;
}

/**
 * Reads a predictions file (PolNeAR-format JSONL: `id` and `attributions` a record; `text`
 * optional, and when present it must be the gold article's) into id → predicted spans of
 * each role, read exactly as the gold's are (a span with gaps as its covering range).
 */
export async function readPredictions(path: string): Promise<Map<string, PredictedArticle>> {
  const out = new Map<string, PredictedArticle>();
  let n = 0;
  for await (const record of readJsonl(path)) {
    n++;
    const where = `${path}: record ${n}`;
    const { id, text, attributions } = record;
    if (typeof id !== 'string' || id === '') {
      throw new NewsdigestError('E_BAD_RECORD', where, 'expecting an "id" string to match a --data record');
    }
    if (!Array.isArray(attributions))
      throw new NewsdigestError('E_BAD_RECORD', where, 'no "attributions" array');
    if (out.has(id)) throw new NewsdigestError('E_BAD_RECORD', where, `a second record with id "${id}"`);
    const parsed = parseGoldArticle({ id, text: typeof text === 'string' ? text : '', attributions }, where);
    const roles = { content: [], source: [], cue: [] } as Record<Role, Span[]>;
    for (const a of parsed.attributions) for (const role of ROLES) if (a[role]) roles[role].push(a[role]);
    out.set(id, {
      ...(typeof text === 'string' ? { text } : {}),
      roles,
      attributions: parsed.attributions.length,
    });
  }
  return out;
}

/** The predicted spans of each role, read from an Article's quotes layer. */
export function predictedRoles(article: Article): Record<Role, Span[]> {
  const quotes = article.quotes ?? [];
  return {
    content: quotes.map((q) => ({ start: q.start, end: q.end })),
    source: quotes.flatMap((q) => (q.speaker ? [{ start: q.speaker.start, end: q.speaker.end }] : [])),
    cue: quotes.map((q) => q.cue),
  };
}

export type RoleCounts = Record<Role, Record<Criterion, MatchCounts>>;

export function emptyRoleCounts(): RoleCounts {
  const one = () => ({ exact: emptyCounts(), overlap: emptyCounts() });
  return { content: one(), source: one(), cue: one() };
}

/** Adds one article's predictions against its gold to `counts`. */
export function scoreArticle(counts: RoleCounts, gold: GoldArticle, predicted: Record<Role, Span[]>): void {
  for (const role of ROLES) {
    const goldSpans = gold.attributions.flatMap((a) => (a[role] ? [a[role]] : []));
    addRole(counts[role], gold.text, predicted[role], goldSpans);
  }
}

/** An extractor's attributions as the spans scored per role (an attribution without a source adds none). */
export function rolesOf(found: readonly Attribution[]): Record<Role, Span[]> {
  return {
    content: found.map((a) => a.content),
    source: found.flatMap((a) => (a.source ? [a.source] : [])),
    cue: found.map((a) => a.cue),
  };
}

/** The figures of the JSON line: per role, per criterion, precision/recall/F1. */
export function figuresOf(counts: RoleCounts) {
  const out = {} as Record<Role, Record<Criterion, { precision: number; recall: number; f1: number }>>;
  for (const role of ROLES) {
    const r = {} as Record<Criterion, { precision: number; recall: number; f1: number }>;
    for (const c of ['exact', 'overlap'] as const) {
      const s = scoresOf(counts[role][c]);
      r[c] = { precision: round(s.precision, 4), recall: round(s.recall, 4), f1: round(s.f1, 4) };
    }
    out[role] = r;
  }
  return out;
}

const STAGES = [textStage, entitiesStage, quotesStage];

/** Runs the stages that the quotes layer needs over a plain text. */
export async function quotesOf(
  id: string,
  text: string,
  cues: 'rules' | 'tagger' = 'rules',
): Promise<Article> {
  const article: Article = { schemaVersion: SCHEMA_VERSION, id, text, source: { format: 'text' } };
  return runStages(article, STAGES, { quotes: { cues } });
}

/**
 * Diagnostic (`--method gold-cues`): the extractor given each article's gold cue spans, so
 * that source and content choice is scored apart from cue finding. Its cue figures are the
 * gold's own and none of its figures is the issue's: the issue scores cues found by us.
 */
export async function goldCueRoles(gold: GoldArticle): Promise<Record<Role, Span[]>> {
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: gold.id,
    text: gold.text,
    source: { format: 'text' },
  };
  const { sentences = [] } = await runStages(article, [textStage], {});
  const givenCues = gold.attributions.flatMap((a) => (a.cue ? [a.cue] : []));
  const found = extractAttributions({ text: gold.text, sentences, lexicon: shippedLexicon(), givenCues });
  return rolesOf(found);
}

const METHODS = ['rules', 'tagger', 'gold-cues'] as const;

export const quotesTask: EvalTask = {
  name: 'quotes',
  summary: 'attributions (source, cue, content) against PolNeAR-format JSONL, exact and overlap P/R/F1',
  defaultData: 'quotes-polnear/polnear.jsonl',
  flags: {
    split: 'train or dev (default: dev when the records carry a split, else every record)',
    method:
      "tagger or rules: where the quotes stage takes its cues from (default: the stage's own default, the tagger when one is shipped); gold-cues: DIAGNOSTIC, the gold cue spans given to the extractor (scores source/content choice alone, not the issue figure)",
    predictions:
      "FILE: score this PolNeAR-format JSONL's attributions (records matched to --data's by id) with the same scorer instead of running the pipeline; a scored article with no record counts as predicting nothing, records of no scored article are ignored (both counted)",
  },
  async run(args): Promise<EvalReport> {
    const splitFlag = args.flags['split'];
    if (splitFlag !== undefined && typeof splitFlag !== 'string') {
      throw new NewsdigestError('E_BAD_OPTION', '--split', 'expecting a split name such as train or dev');
    }
    // Without --method the figures are those of the stage as shipped: its default cue source.
    const predictionsFlag = args.flags['predictions'];
    if (predictionsFlag !== undefined && (typeof predictionsFlag !== 'string' || predictionsFlag === '')) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--predictions',
        'expecting the path of a PolNeAR-format JSONL file',
      );
    }
    if (predictionsFlag !== undefined && args.flags['method'] !== undefined) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--method',
        '--predictions scores a file, so no method runs: give one or the other',
      );
    }
    const predictions = predictionsFlag === undefined ? undefined : await readPredictions(predictionsFlag);
    const cuesFlag = args.flags['method'] ?? (shippedTagger() ? 'tagger' : 'rules');
    if (!METHODS.includes(cuesFlag as (typeof METHODS)[number])) {
      throw new NewsdigestError('E_BAD_OPTION', '--method', 'expecting rules, tagger or gold-cues');
    }
    const method = cuesFlag as (typeof METHODS)[number];
    const all: GoldArticle[] = [];
    let n = 0;
    for await (const record of readJsonl(args.data)) {
      n++;
      all.push(parseGoldArticle(record, `${args.data}: record ${n}`));
    }
    const hasSplits = all.some((a) => a.split !== undefined);
    const split = splitFlag ?? (hasSplits ? 'dev' : undefined);
    let articles = split === undefined ? all : all.filter((a) => a.split === split);
    if (split !== undefined && articles.length === 0) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--split',
        `no record of ${args.data} is in split "${split}"`,
      );
    }
    if (args.limit !== undefined) articles = articles.slice(0, args.limit);
    let missing = 0;
    let ignored = 0;
    if (predictions) {
      const scored = new Set(articles.map((a) => a.id));
      for (const id of predictions.keys()) if (!scored.has(id)) ignored++;
      for (const gold of articles) {
        const p = predictions.get(gold.id);
        if (!p) missing++;
        else if (p.text !== undefined && p.text !== gold.text) {
          throw new NewsdigestError(
            'E_BAD_RECORD',
            `${predictionsFlag} (${gold.id})`,
            `its "text" is not the --data record's, so its offsets would not point at the same words`,
          );
        }
      }
    }

    const counts = emptyRoleCounts();
    let failed = 0;
    let goldTotal = 0;
    let predictedTotal = 0;
    for (const [i, gold] of articles.entries()) {
      let predicted: Record<Role, Span[]>;
      try {
        predicted = predictions
          ? (predictions.get(gold.id)?.roles ?? { content: [], source: [], cue: [] })
          : method === 'gold-cues'
            ? await goldCueRoles(gold)
            : predictedRoles(await quotesOf(gold.id, gold.text, method));
      } catch {
        // A bad article never stops the batch: it is scored as predicting nothing.
        failed++;
        predicted = { content: [], source: [], cue: [] };
      }
      goldTotal += gold.attributions.length;
      predictedTotal += predictions ? (predictions.get(gold.id)?.attributions ?? 0) : predicted.cue.length;
      scoreArticle(counts, gold, predicted);
      args.progress?.(i + 1, articles.length);
    }

    const figures = figuresOf(counts);
    const rows: (string | number)[][] = [];
    for (const role of ROLES) {
      for (const c of ['exact', 'overlap'] as const) {
        const k = counts[role][c];
        const s = figures[role][c];
        rows.push([`${role} ${c}`, k.gold, k.predicted, k.matched, s.precision, s.recall, s.f1]);
      }
    }
    return {
      figures: {
        task: 'quotes',
        articles: articles.length,
        ...(split !== undefined ? { split } : {}),
        ...(predictions
          ? { predictions: predictionsFlag, predictionsMissing: missing, predictionsIgnored: ignored }
          : { cues: method }),
        ...(method === 'gold-cues' && !predictions
          ? { diagnostic: 'gold cues given: not the issue figure' }
          : {}),
        attributions: goldTotal,
        predicted: predictedTotal,
        ...(failed ? { failed } : {}),
        ...figures,
      },
      columns: ['role', 'gold', 'predicted', 'matched', 'precision', 'recall', 'F1'],
      rows,
      notes: [
        `${args.data}: ${articles.length} articles${split !== undefined ? ` (split ${split})` : ''}, ${goldTotal} gold attributions, ${predictedTotal} predicted (the table's gold column counts the attributions that have that role: some lack a source, a cue or a content)`,
        'one-to-one maximum matching per article and role; exact = same span after trimming spaces, punctuation and quotation marks; overlap = at least one shared word',
        ...(failed ? [`${failed} articles failed and count as predicting nothing`] : []),
        ...(predictions
          ? [
              `predictions from ${predictionsFlag} (the pipeline did not run): ${missing} scored articles had no record there and count as predicting nothing; ${ignored} of its records match no scored article and were ignored`,
            ]
          : []),
        ...(method === 'gold-cues' && !predictions
          ? [
              'DIAGNOSTIC: the gold cues were given to the extractor; these figures measure source and content choice only',
            ]
          : []),
      ],
    };
  },
};

/**
 * How far PolNeAR's own annotators agree on issue #7's metric (the human ceiling), and our
 * system beside them on the articles it never trained on.
 *
 *   node dist/scripts/quotes-brat-to-jsonl.js --ann DIR … --data polnear.jsonl --out all.jsonl
 *   node dist/scripts/quotes-agreement.js --records all.jsonl --data polnear.jsonl [--out DIR] [--system]
 *
 * `--records`: one record per (article, annotator) (the converter's output). `--data`:
 * polnear.jsonl, which says which annotator's version is the gold our eval uses (`annotator`)
 * and each article's split. Every figure comes from the scorer `eval quotes` uses
 * (parseGoldArticle → scoreArticle → figuresOf: per role, maximum one-to-one matching, exact
 * and overlap), micro over articles: counts are added, then P/R/F1 taken.
 *
 * Printed (JSON, one object a table):
 * 1. human-vs-gold: on the articles of --data annotated by several people, each other
 *    annotator's version scored as predictions against the first annotator's (the gold);
 *    per annotator and pooled.
 * 2. all-pairs: every unordered pair of annotators of an article, pooled (F1 is symmetric),
 *    on the --data articles and, apart, on the articles --data lacks (annotator training).
 * 3. with --system: our pipeline (the stage as shipped, `eval quotes`' default) on the
 *    articles it never trained on (dev articles of --data, and articles --data lacks), scored
 *    against each annotator X; beside it, the other humans scored against the same X. Also
 *    the train articles, marked contaminated (the model trained on their first annotator).
 * With --out DIR, one PolNeAR-format file per annotator X and group of articles is written
 * to DIR/<group>/<X>.jsonl (groups: data, unseen, train, annotator-training; `split` dropped
 * so that `eval quotes` scores every record), so that each figure can be reproduced with
 * `newsdigest eval quotes --data DIR/<group>/<X>.jsonl [--predictions DIR/<group>/<Y>.jsonl]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Span } from '../src/article/types.js';
import { shippedTagger } from '../src/quotes/cue-tagger.js';
import {
  emptyRoleCounts,
  figuresOf,
  type GoldArticle,
  parseGoldArticle,
  predictedRoles,
  quotesOf,
  ROLES,
  type Role,
  type RoleCounts,
  scoreArticle,
} from '../src/quotes/eval-quotes.js';

interface Version {
  annotator: string;
  article: GoldArticle;
  record: Record<string, unknown>;
}

function readLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The spans of each role of one version, as `--predictions` reads them. */
function rolesOf(article: GoldArticle): Record<Role, Span[]> {
  const out = { content: [], source: [], cue: [] } as Record<Role, Span[]>;
  for (const a of article.attributions) for (const role of ROLES) if (a[role]) out[role].push(a[role]);
  return out;
}

function add(into: RoleCounts, from: RoleCounts): void {
  for (const role of ROLES) {
    for (const c of ['exact', 'overlap'] as const) {
      into[role][c].matched += from[role][c].matched;
      into[role][c].predicted += from[role][c].predicted;
      into[role][c].gold += from[role][c].gold;
    }
  }
}

function scored(gold: GoldArticle, predicted: Record<Role, Span[]>): RoleCounts {
  const counts = emptyRoleCounts();
  scoreArticle(counts, gold, predicted);
  return counts;
}

/** A table row: figures plus the counts they rest on. */
function row(label: string, counts: RoleCounts, extra: Record<string, unknown> = {}) {
  return {
    label,
    ...extra,
    goldCues: counts.cue.exact.gold,
    predictedCues: counts.cue.exact.predicted,
    goldSources: counts.source.exact.gold,
    goldContents: counts.content.exact.gold,
    ...figuresOf(counts),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      system: { type: 'boolean' },
      markdown: { type: 'boolean' },
    },
  });
  if (!values.records || !values.data) {
    process.stderr.write(
      'usage: quotes-agreement --records all.jsonl --data polnear.jsonl [--out DIR] [--system]\n',
    );
    process.exit(2);
  }
  const data = new Map(readLines(values.data).map((r) => [String(r['id']), r]));
  const byArticle = new Map<string, Version[]>();
  for (const [i, r] of readLines(values.records).entries()) {
    const article = parseGoldArticle(r, `${values.records}: record ${i + 1}`);
    const annotator = String(r['annotator']);
    const versions = byArticle.get(article.id) ?? [];
    versions.push({ annotator, article, record: r });
    byArticle.set(article.id, versions);
  }
  for (const versions of byArticle.values()) versions.sort((a, b) => a.annotator.localeCompare(b.annotator));

  const inData = [...byArticle.keys()].filter((id) => data.has(id)).sort();
  const notInData = [...byArticle.keys()].filter((id) => !data.has(id)).sort();
  const firstOf = (id: string) => String(data.get(id)?.['annotator']);
  const splitOf = (id: string) => (data.has(id) ? String(data.get(id)?.['split']) : 'annotator-training');

  // 1. Each other annotator against the data's gold (the first annotator).
  const perAnnotator = new Map<string, { counts: RoleCounts; articles: number }>();
  const pooled = emptyRoleCounts();
  for (const id of inData) {
    const versions = byArticle.get(id)!;
    const gold = versions.find((v) => v.annotator === firstOf(id));
    if (!gold) throw new Error(`${id}: no version by ${firstOf(id)}, the annotator polnear.jsonl uses`);
    // The first annotator's version must be the data's gold itself (the converter's check);
    // compared span by span (a cue of punctuation alone can never match itself under the scorer).
    const dataGold = parseGoldArticle(data.get(id)!, id);
    if (JSON.stringify(rolesOf(dataGold)) !== JSON.stringify(rolesOf(gold.article))) {
      throw new Error(`${id}: the ${gold.annotator} version is not polnear.jsonl's gold`);
    }
    for (const v of versions) {
      if (v.annotator === gold.annotator) continue;
      const c = scored(gold.article, rolesOf(v.article));
      const entry = perAnnotator.get(v.annotator) ?? { counts: emptyRoleCounts(), articles: 0 };
      add(entry.counts, c);
      entry.articles++;
      perAnnotator.set(v.annotator, entry);
      add(pooled, c);
    }
  }
  const humanVsGold = [
    ...[...perAnnotator.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([annotator, e]) => row(annotator, e.counts, { articles: e.articles })),
    row('pooled', pooled, { articles: inData.length }),
  ];

  // 2. Every unordered pair of annotators of an article.
  const pairs = (ids: string[]) => {
    const counts = emptyRoleCounts();
    let n = 0;
    for (const id of ids) {
      const versions = byArticle.get(id)!;
      for (let i = 0; i < versions.length; i++) {
        for (let j = i + 1; j < versions.length; j++) {
          add(counts, scored(versions[i]!.article, rolesOf(versions[j]!.article)));
          n++;
        }
      }
    }
    return row(`${ids.length} articles`, counts, { pairs: n });
  };
  const allPairs = { data: pairs(inData), annotatorTraining: pairs(notInData) };

  const report: Record<string, unknown> = {
    articles: {
      inData: inData.map((id) => ({
        id,
        split: splitOf(id),
        annotators: byArticle.get(id)!.map((v) => v.annotator),
      })),
      annotatorTraining: notInData.map((id) => ({
        id,
        annotators: byArticle.get(id)!.map((v) => v.annotator),
      })),
    },
    humanVsGold,
    allPairs,
  };

  // 3. Our system against each annotator, on articles it never trained on.
  if (values.system) {
    const cues = shippedTagger() ? 'tagger' : 'rules';
    const unseen = [...inData.filter((id) => splitOf(id) === 'dev'), ...notInData];
    const train = inData.filter((id) => splitOf(id) === 'train');
    const system = new Map<string, Record<Role, Span[]>>();
    for (const id of [...unseen, ...train]) {
      const text = byArticle.get(id)![0]!.article.text;
      system.set(id, predictedRoles(await quotesOf(id, text, cues)));
    }
    const against = (ids: string[]) => {
      const annotators = [...new Set(ids.flatMap((id) => byArticle.get(id)!.map((v) => v.annotator)))].sort();
      const allSys = emptyRoleCounts();
      const allHumans = emptyRoleCounts();
      const rows = annotators.map((x) => {
        const sys = emptyRoleCounts();
        const humans = emptyRoleCounts();
        let articles = 0;
        let others = 0;
        for (const id of ids) {
          const versions = byArticle.get(id)!;
          const ref = versions.find((v) => v.annotator === x);
          if (!ref) continue;
          articles++;
          add(sys, scored(ref.article, system.get(id)!));
          for (const v of versions) {
            if (v.annotator === x) continue;
            add(humans, scored(ref.article, rolesOf(v.article)));
            others++;
          }
        }
        add(allSys, sys);
        add(allHumans, humans);
        return {
          reference: x,
          system: row('system', sys, { articles }),
          humans: row('other humans, pooled', humans, { versions: others }),
        };
      });
      return {
        articles: ids,
        byReference: rows,
        pooledOverReferences: { system: row('system', allSys), humans: row('other humans', allHumans) },
      };
    };
    report['system'] = { cues, unseen: against(unseen), trainContaminated: against(train) };
  }

  if (values.out) {
    // One file per annotator and group of articles, `split` dropped so `eval quotes` scores all.
    const groups: Record<string, string[]> = {
      data: inData,
      unseen: [...inData.filter((id) => splitOf(id) === 'dev'), ...notInData],
      train: inData.filter((id) => splitOf(id) === 'train'),
      'annotator-training': notInData,
    };
    for (const [group, ids] of Object.entries(groups)) {
      mkdirSync(join(values.out, group), { recursive: true });
      const annotators = [...new Set(ids.flatMap((id) => byArticle.get(id)!.map((v) => v.annotator)))].sort();
      for (const x of annotators) {
        const lines: string[] = [];
        for (const id of ids) {
          const v = byArticle.get(id)!.find((w) => w.annotator === x);
          if (!v) continue;
          const { split: _split, ...rest } = v.record;
          lines.push(JSON.stringify(rest));
        }
        writeFileSync(join(values.out, group, `${x}.jsonl`), `${lines.join('\n')}\n`);
      }
    }
  }
  process.stdout.write(values.markdown ? markdownOf(report) : `${JSON.stringify(report, null, 1)}\n`);
}

type Row = ReturnType<typeof row>;

/** The report's tables in Markdown: F1 of each role and criterion, with the counts behind them. */
function markdownOf(report: Record<string, unknown>): string {
  const f = (x: number) => x.toFixed(3);
  const head =
    '| | gold cues | predicted cues | cue exact P / R / F1 | cue overlap F1 | source exact F1 | source overlap F1 | content exact F1 | content overlap F1 |\n|---|---:|---:|---|---:|---:|---:|---:|---:|';
  const line = (label: string, r: Row) =>
    `| ${label} | ${r.goldCues} | ${r.predictedCues} | ${f(r.cue.exact.precision)} / ${f(r.cue.exact.recall)} / ${f(r.cue.exact.f1)} | ${f(r.cue.overlap.f1)} | ${f(r.source.exact.f1)} | ${f(r.source.overlap.f1)} | ${f(r.content.exact.f1)} | ${f(r.content.overlap.f1)} |`;
  const out: string[] = [];
  out.push('### Each other annotator against the gold (the first annotator)', '', head);
  for (const r of report['humanVsGold'] as (Row & { articles: number })[])
    out.push(line(`${r.label} (${r.articles} articles)`, r));
  const pairs = report['allPairs'] as Record<string, Row & { pairs: number }>;
  out.push('', '### All pairs of annotators', '', head);
  out.push(
    line(`polnear.jsonl articles, ${pairs['data']!.label}, ${pairs['data']!.pairs} pairs`, pairs['data']!),
  );
  out.push(
    line(
      `annotator training, ${pairs['annotatorTraining']!.label}, ${pairs['annotatorTraining']!.pairs} pairs`,
      pairs['annotatorTraining']!,
    ),
  );
  const system = report['system'] as
    | Record<
        string,
        {
          articles: string[];
          byReference: { reference: string; system: Row; humans: Row }[];
          pooledOverReferences: { system: Row; humans: Row };
        }
      >
    | undefined;
  if (system) {
    for (const [key, title] of [
      ['unseen', 'Our system beside the humans, articles it never trained on'],
      [
        'trainContaminated',
        'Our system beside the humans, train articles (CONTAMINATED: trained on the first annotator)',
      ],
    ] as const) {
      const s = system[key]!;
      out.push('', `### ${title} (${s.articles.length} articles)`, '', head);
      for (const r of s.byReference) {
        out.push(
          line(`against ${r.reference}: system`, r.system),
          line(`against ${r.reference}: other humans`, r.humans),
        );
      }
      out.push(
        line('all references pooled: system', s.pooledOverReferences.system),
        line('all references pooled: other humans', s.pooledOverReferences.humans),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

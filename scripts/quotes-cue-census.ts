/**
 * An error census of the extractor's cues on held-out gold articles (used by
 * scripts/quotes-cue-rescore.ts --census on the five folds of train; dev is never read):
 * which gold cues are missed, by word class, head word and construction, and whether the
 * tagger proposed them at all; which predicted cues are spurious; and how often a predicted
 * source is right when its cue is right or wrong.
 */

import { isBeliefOrIntentionVerb } from '../src/quotes/core-cues.js';
import type { CueLexicon } from '../src/quotes/cue-lexicon.js';
import { type CueRescorer, cueCandidates } from '../src/quotes/cue-rescorer.js';
import { type CueTagger, classAt, unitCandidates, unitContext } from '../src/quotes/cue-tagger.js';
import type { GoldArticle } from '../src/quotes/eval-quotes.js';
import {
  extractAttributions,
  findCues,
  tokenIndexAt,
  tokenTable,
  unitsOf,
} from '../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { trimForScoring } from '../src/quotes/score-attributions.js';
import { shippedPosModel, TAGS, tagRange } from '../src/syntax/index.js';
import { sentenceSpans } from '../src/text/sentences.js';

type Span = { start: number; end: number };
/** Stance nouns of belief or intention (the brief's "claim", "view"), for the census's shapes only. */
const BELIEF_NOUNS = new Set(
  'belief beliefs view views claim claims hope hopes plan plans intention intentions opinion position wish desire goal aim fear fears concern concerns idea'.split(
    ' ',
  ),
);
const WORD = /[\p{L}\p{N}]/u;

function bump(m: Map<string, number>, k: string, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** A coarse word class of a Penn tag. */
function coarse(tag: string): string {
  if (tag.startsWith('VB') || tag === 'MD') return 'verb';
  if (tag.startsWith('NN')) return 'noun';
  if (tag.startsWith('JJ')) return 'adjective';
  if (tag === 'IN' || tag === 'TO') return 'preposition';
  if (tag.startsWith('RB')) return 'adverb';
  if (/^[A-Z]/.test(tag)) return 'other word';
  return 'punctuation';
}

export class Census {
  gold = 0;
  exact = 0;
  predicted = 0;
  readonly missed = new Map<string, number>();
  readonly missedHead = new Map<string, number>();
  readonly missedClass = new Map<string, number>();
  /**
   * The brief's classes of a gold cue not matched exactly (twelfth session): inside quotation marks,
   * wrong extent (a kept cue overlaps it), proposed and dropped by the trees, a candidate token that
   * no decode or proposal made a span of (tagged O), no token a candidate; each crossed with the
   * cue's shape (belief/intention, multi-word, one word).
   */
  readonly briefClass = new Map<string, number>();
  /**
   * "Never a candidate" gold cues (thirteenth session) by construction: the coarse classes (our part-of-speech
   * tagger) of the cue's first and last words, with a colon, "according to" and belief/intention heads apart,
   * and where the content lies; and their commonest phrases.
   */
  readonly never = new Map<string, number>();
  readonly neverPhrase = new Map<string, number>();
  /** Predicted cues inside a gold attribution's content, by whether they overlap a gold cue. */
  readonly nested = new Map<string, number>();
  readonly goldClass = new Map<string, number>();
  readonly spurious = new Map<string, number>();
  readonly spuriousWhere = new Map<string, number>();
  readonly source = new Map<string, number>();
  /** Boundary errors: the predicted cue → the gold cue it overlaps, and the shapes of the difference. */
  readonly boundary = new Map<string, number>();
  readonly boundaryShape = new Map<string, number>();
  readonly boundaryTail = new Map<string, number>();
  /**
   * Source overlap's errors, one row per gold source (a: its attribution not found, no predicted cue
   * overlapping its cue; b: found, no predicted source; c: found, the source on other words; ok) and
   * per predicted source (d: its cue overlaps no gold cue), with the shape of each.
   */
  readonly sourceSplit = new Map<string, number>();
  readonly sourceShape = new Map<string, number>();
  /** A few missed gold cues in context, per construction (every 25th). */
  readonly samples = new Map<string, string[]>();
  private seen = 0;
  private seenShape = 0;
  private seenBrief = 0;
  private seenSaid = 0;
  private seenNested = 0;
  private seenSpurious = 0;
  private seenSourceless = 0;
  private seenWrong = 0;

  add(articles: readonly GoldArticle[], lexicon: CueLexicon, tagger: CueTagger, rescorer: CueRescorer): void {
    const model = shippedPosModel()!;
    for (const g of articles) {
      const text = g.text;
      const sentences = sentenceSpans(text);
      const regions = findQuoteRegions(text);
      const table = tokenTable(text, regions);
      const tags = new Uint8Array(table.count);
      const units = unitsOf(sentences, regions, table);
      for (const [ts, te] of units) if (te > ts) tagRange(model, text, table.off, ts, te, tags);
      const tokenAt = (offset: number) => tokenIndexAt(table, offset);
      const unitOf = (t: number) => units.findIndex(([a, b]) => a <= t && t < b);
      // Candidate spans proposed (the tagger's decode, the wide one, the lexical proposals), as character spans.
      const proposed: Span[] = [];
      const candTok = new Uint8Array(table.count);
      for (const [ts, te] of units) {
        if (te <= ts) continue;
        const ctx = unitContext(table, ts, te, findCues(table, ts, te, lexicon));
        candTok.set(unitCandidates(table, ts, te, ctx, tagger), ts);
        for (const c of cueCandidates(
          table,
          ts,
          te,
          ctx,
          tagger,
          rescorer.file.extra,
          false,
          rescorer.rates,
          rescorer.phrases,
          (k) => classAt(table, k, ts, ctx),
          rescorer.proposer,
          rescorer.words,
        ))
          proposed.push(
            trimForScoring(text, { start: table.off[2 * c.from]!, end: table.off[2 * c.to - 1]! }),
          );
      }
      const found = extractAttributions({ text, sentences, lexicon, tagger, combine: 'beliefs', rescorer });
      const pred = found.map((a) => trimForScoring(text, a.cue));
      const golds = g.attributions.flatMap((a) => (a.cue ? [trimForScoring(text, a.cue)] : []));
      const goldSources = g.attributions.flatMap((a) => (a.source ? [a.source] : []));
      this.gold += golds.length;
      this.predicted += pred.length;
      const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
      const over = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
      const hitUnits = new Set(
        pred.filter((p) => golds.some((c) => same(c, p))).map((p) => unitOf(tokenAt(p.start))),
      );
      for (const c of golds) {
        const phrase = text.slice(c.start, c.end).toLowerCase().replace(/\s+/g, ' ');
        const t0 = tokenAt(c.start);
        let head = tokenAt(c.end - 1);
        while (head > t0 && !WORD.test(table.lower[head]!)) head--;
        const cls = WORD.test(table.lower[head]!) ? coarse(TAGS[tags[head]!]!) : 'punctuation';
        bump(this.goldClass, cls);
        if (pred.some((p) => same(p, c))) {
          this.exact++;
          continue;
        }
        let why: string;
        const quoted = regions.some((r) => r.start <= c.start && c.end <= r.end);
        if (quoted) why = 'inside a quotation';
        else if (pred.some((p) => over(p, c))) {
          why = 'boundary (a predicted cue overlaps)';
          const p = pred.find((q) => over(q, c))!;
          const said = (x: Span) => text.slice(x.start, x.end).toLowerCase().replace(/\s+/g, ' ');
          bump(this.boundary, `${said(p)} → ${said(c)}`);
          const shape =
            (p.start < c.start ? 'starts earlier' : p.start > c.start ? 'starts later' : 'same start') +
            ', ' +
            (p.end < c.end ? 'ends earlier' : p.end > c.end ? 'ends later' : 'same end');
          bump(this.boundaryShape, shape);
          if (this.seenShape++ % 7 === 0) {
            const list = this.samples.get(`boundary, ${shape}`) ?? [];
            const from = Math.max(0, Math.min(c.start, p.start) - 60);
            list.push(
              `${text.slice(from, Math.max(c.end, p.end) + 30)} — ours "${said(p)}", gold "${said(c)}"`.replace(
                /\s+/g,
                ' ',
              ),
            );
            this.samples.set(`boundary, ${shape}`, list);
          }
          // The words past our end that gold takes in (or that we take in past gold's).
          if (p.start === c.start && p.end < c.end)
            bump(
              this.boundaryTail,
              `gold runs on: ${said({ start: p.end, end: c.end }).trim().split(' ')[0]}`,
            );
          if (p.start === c.start && p.end > c.end)
            bump(
              this.boundaryTail,
              `ours runs on: ${said({ start: c.end, end: p.end }).trim().split(' ')[0]}`,
            );
        } else if (proposed.some((p) => same(p, c))) why = 'proposed exactly, dropped by the trees';
        else if (proposed.some((p) => over(p, c))) why = 'proposed with other bounds, dropped';
        else why = 'never proposed';
        {
          let words = 0;
          let cand = 0;
          for (let k = t0; k <= tokenAt(c.end - 1); k++) {
            if (WORD.test(table.lower[k]!)) words++;
            if (candTok[k]) cand++;
          }
          const brief = quoted
            ? 'inside quotation marks'
            : why.startsWith('boundary')
              ? 'wrong extent (a kept cue overlaps)'
              : why.startsWith('proposed')
                ? 'proposed, dropped by the trees'
                : cand
                  ? 'candidate, tagged O (no span proposed)'
                  : 'never a candidate';
          const shape =
            isBeliefOrIntentionVerb(table.lower[head]!) || BELIEF_NOUNS.has(table.lower[head]!)
              ? 'belief/intention'
              : words > 1
                ? 'multi-word'
                : 'one word';
          bump(this.briefClass, brief);
          bump(this.briefClass, `${brief} / ${shape}`);
          if (brief === 'never a candidate') {
            let first = t0;
            while (first < head && !WORD.test(table.lower[first]!)) first++;
            const fc = WORD.test(table.lower[first]!) ? coarse(TAGS[tags[first]!]!) : 'punctuation';
            const construction =
              cls === 'punctuation'
                ? table.lower[head] === ':'
                  ? 'a colon'
                  : 'other punctuation'
                : phrase.startsWith('according')
                  ? 'according to'
                  : shape === 'belief/intention'
                    ? 'belief/intention head'
                    : first === head
                      ? `one word: ${cls}`
                      : `${fc} … ${cls}`;
            const attribution = g.attributions.find((a) => a.cue && same(trimForScoring(text, a.cue), c));
            const content = attribution?.content
              ? attribution.content.start >= c.end
                ? 'content after'
                : attribution.content.end <= c.start
                  ? 'content before'
                  : 'content around'
              : 'no content';
            bump(this.never, construction);
            bump(this.never, `${construction} / ${content}`);
            bump(this.neverPhrase, phrase);
          }
          if (this.seenBrief++ % 20 === 0) {
            const key = `brief class: ${brief}`;
            const list = this.samples.get(key) ?? [];
            list.push(
              `${text.slice(Math.max(0, c.start - 70), c.start)}[[${text.slice(c.start, c.end)}]]${text.slice(c.end, c.end + 40)}`.replace(
                /\s+/g,
                ' ',
              ),
            );
            this.samples.set(key, list);
          }
        }
        const u = unitOf(t0);
        const second = hitUnits.has(u) ? ', sentence has a right cue' : '';
        bump(this.missed, `${why}${second}`);
        const construction =
          phrase === 'according to' || phrase.startsWith('according')
            ? 'according to'
            : isBeliefOrIntentionVerb(table.lower[head]!)
              ? 'belief/intention verb'
              : cls;
        bump(this.missedClass, `${construction}: ${why.startsWith('boundary') ? 'boundary' : 'missed'}`);
        if (!why.startsWith('boundary')) bump(this.missedHead, `${table.lower[head]} (${cls})`);
        if (!why.startsWith('boundary') && this.seen++ % 25 === 0) {
          const list = this.samples.get(construction) ?? [];
          const from = Math.max(0, c.start - 80);
          list.push(
            `${text.slice(from, c.start)}[[${text.slice(c.start, c.end)}]]${text.slice(c.end, c.end + 50)} (${why})`.replace(
              /\s+/g,
              ' ',
            ),
          );
          this.samples.set(construction, list);
        }
      }
      this.splitSources(g, found, pred, units, tokenAt, unitOf, table);
      // Nested attributions: PolNeAR is univocal (a token is in at most one attribution), so a
      // predicted cue inside a gold attribution's content is never a gold cue; the extractor ends a
      // content at the next cue, so its own attributions never nest.
      for (const p of pred) {
        const inGold = g.attributions.find(
          (a) => a.content && a.content.start <= p.start && p.end <= a.content.end,
        );
        if (!inGold) continue;
        const cueOf = inGold.cue ? trimForScoring(text, inGold.cue) : undefined;
        const outerFound = cueOf !== undefined && pred.some((q) => over(q, cueOf));
        bump(
          this.nested,
          `${golds.some((c) => over(c, p)) ? 'overlaps a gold cue' : 'spurious'}, the gold attribution's cue ${outerFound ? 'found' : 'not found'}`,
        );
        const key = 'predicted cue inside a gold content';
        if (this.seenNested++ % 8 === 0 && !golds.some((c) => over(c, p))) {
          const list = this.samples.get(key) ?? [];
          list.push(
            `${text.slice(Math.max(0, p.start - 120), p.start)}[[${text.slice(p.start, p.end)}]]${text.slice(p.end, p.end + 40)} — gold cue "${cueOf ? text.slice(cueOf.start, cueOf.end) : ''}"`.replace(
              /\s+/g,
              ' ',
            ),
          );
          this.samples.set(key, list);
        }
      }
      for (const [k, p] of pred.entries()) {
        const a = found[k]!;
        const cueRight = golds.some((c) => same(c, p));
        const cueOver = golds.some((c) => over(c, p));
        if (!cueOver) {
          bump(this.spurious, text.slice(p.start, p.end).toLowerCase());
          if (this.seenSpurious++ % 12 === 0) {
            const list = this.samples.get('spurious cue (no gold cue overlaps)') ?? [];
            const from = Math.max(0, p.start - 90);
            list.push(
              `${text.slice(from, p.start)}[[${text.slice(p.start, p.end)}]]${text.slice(p.end, p.end + 50)}`.replace(
                /\s+/g,
                ' ',
              ),
            );
            this.samples.set('spurious cue (no gold cue overlaps)', list);
          }
          // Spurious speech verbs, with the gold cues around them in {{ }}: why would "said" not be a cue?
          if (
            /^(said|says|say|saying|told)$/.test(text.slice(p.start, p.end).toLowerCase()) &&
            this.seenSaid++ % 5 === 0
          ) {
            const from = Math.max(0, p.start - 160);
            const to = Math.min(text.length, p.end + 80);
            let out = '';
            let at = from;
            for (const c of [...golds]
              .filter((c) => c.start >= from && c.end <= to)
              .sort((x, y) => x.start - y.start)) {
              if (c.start < at) continue;
              out += `${text.slice(at, c.start)}{{${text.slice(c.start, c.end)}}}`;
              at = c.end;
            }
            out += text.slice(at, to);
            const mark = p.start - from;
            const list = this.samples.get('spurious speech verb (gold cues in {{ }})') ?? [];
            list.push(`${out.replace(/\s+/g, ' ')} — ours "${text.slice(p.start, p.end)}" at ${mark}`);
            this.samples.set('spurious speech verb (gold cues in {{ }})', list);
          }
          const u = unitOf(tokenAt(p.start));
          const [ts, te] = units[u] ?? [0, 0];
          const unitGold = golds.some(
            (c) => c.start >= table.off[2 * ts]! && c.end <= table.off[2 * te - 1]!,
          );
          const quoted = regions.some((r) => r.start < table.off[2 * te - 1]! && table.off[2 * ts]! < r.end);
          bump(
            this.spuriousWhere,
            `${unitGold ? 'sentence has a gold cue' : 'sentence has no gold cue'}, ${quoted ? 'quotation in sentence' : 'no quotation'}`,
          );
        }
        if (a.source) {
          const srcRight = goldSources.some((s) => over(s, a.source!));
          const goldOf = g.attributions.find((x) => x.cue && same(trimForScoring(text, x.cue), p));
          if (cueRight && !srcRight && goldOf?.source && this.seenWrong++ % 6 === 0) {
            const from = Math.max(0, a.source.start - 60);
            const list = this.samples.get('exact cue, wrong source') ?? [];
            list.push(
              `${text.slice(from, p.end + 30)} — cue "${text.slice(p.start, p.end)}", ours "${text.slice(a.source.start, a.source.end)}", gold "${text.slice(goldOf.source.start, goldOf.source.end)}"`.replace(
                /\s+/g,
                ' ',
              ),
            );
            this.samples.set('exact cue, wrong source', list);
          }
          bump(
            this.source,
            `cue ${cueRight ? 'exact' : cueOver ? 'boundary' : 'spurious'}: source ${srcRight ? 'overlaps a gold source' : 'wrong'}`,
          );
        } else {
          bump(this.source, `cue ${cueRight ? 'exact' : cueOver ? 'boundary' : 'spurious'}: no source`);
          const goldAttr = g.attributions.find((x) => x.cue && same(trimForScoring(text, x.cue), p));
          if (cueRight && goldAttr?.source && this.seenSourceless++ % 8 === 0) {
            const from = Math.max(0, p.start - 90);
            const list = this.samples.get('exact cue, no source (gold has one)') ?? [];
            list.push(
              `${text.slice(from, p.start)}[[${text.slice(p.start, p.end)}]]${text.slice(p.end, p.end + 40)} — gold source "${text.slice(goldAttr.source.start, goldAttr.source.end)}"`.replace(
                /\s+/g,
                ' ',
              ),
            );
            this.samples.set('exact cue, no source (gold has one)', list);
          }
        }
      }
    }
  }

  private sampleSource(kind: string, line: string, every: number): void {
    const n = (this.sourceSeen.get(kind) ?? 0) + 1;
    this.sourceSeen.set(kind, n);
    if (n % every !== 1 && every > 1) return;
    const list = this.samples.get(kind) ?? [];
    if (list.length < 30) list.push(line.replace(/\s+/g, ' '));
    this.samples.set(kind, list);
  }
  private readonly sourceSeen = new Map<string, number>();

  /** The source split (sourceSplit above) of one article. */
  private splitSources(
    g: GoldArticle,
    found: ReturnType<typeof extractAttributions>,
    pred: Span[],
    units: [number, number][],
    tokenAt: (offset: number) => number,
    unitOf: (t: number) => number,
    table: ReturnType<typeof tokenTable>,
  ): void {
    const text = g.text;
    const over = (a: Span, b: Span) => {
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.end, b.end);
      for (let i = from; i < to; i++) if (WORD.test(text[i]!)) return true;
      return false;
    };
    const said = (x: Span) => text.slice(x.start, x.end).replace(/\s+/g, ' ');
    const goldCues = g.attributions.flatMap((a) => (a.cue ? [trimForScoring(text, a.cue)] : []));
    const goldSources = g.attributions.flatMap((a) => (a.source ? [a.source] : []));
    for (const ga of g.attributions) {
      if (!ga.source) continue;
      const src = ga.source;
      const srcText = said(src).toLowerCase();
      const srcUnit = unitOf(tokenAt(src.start));
      const cue = ga.cue ? trimForScoring(text, ga.cue) : undefined;
      const cueUnit = cue ? unitOf(tokenAt(cue.start)) : -1;
      const pronoun = /^(he|she|they|i|we|it|you)$/.test(srcText.trim());
      const where =
        cue && srcUnit !== cueUnit
          ? 'source in another sentence'
          : cue && src.start > cue.start
            ? 'source after the cue'
            : 'source before the cue';
      const k = cue ? pred.findIndex((p) => over(p, cue)) : -1;
      if (!cue) {
        bump(this.sourceSplit, 'gold source without a cue');
        continue;
      }
      if (k < 0) {
        bump(this.sourceSplit, 'a: attribution not found (no predicted cue overlaps its cue)');
        bump(this.sourceShape, `a: ${where}${pronoun ? ', pronoun' : ''}`);
        continue;
      }
      const a = found[k]!;
      const ctx = `${text.slice(Math.max(0, Math.min(src.start, cue.start) - 40), Math.max(src.end, cue.end) + 30)} — cue "${said(cue)}", gold source "${said(src)}"`;
      if (!a.source) {
        bump(this.sourceSplit, 'b: found, no predicted source');
        const cueWords = said(cue).toLowerCase();
        const shape =
          / by$/.test(cueWords) || /\bby\b/.test(text.slice(cue.end, cue.end + 4))
            ? 'passive by'
            : /^according/.test(cueWords)
              ? 'according to'
              : pronoun
                ? 'pronoun'
                : where;
        bump(this.sourceShape, `b: ${shape}`);
        this.sampleSource(`b: found, no source (${shape})`, ctx, 4);
      } else if (!over(a.source, src)) {
        const elsewhere = goldSources.some((s) => over(s, a.source!));
        bump(
          this.sourceSplit,
          `c: found, source on other words${elsewhere ? ' (which overlap another gold source)' : ''}`,
        );
        bump(this.sourceShape, `c: ${where}${pronoun ? ', pronoun' : ''}`);
        this.sampleSource(`c: wrong source (${where})`, `${ctx}, ours "${said(a.source)}"`, 4);
      } else bump(this.sourceSplit, 'ok: found, source overlaps');
    }
    for (const [k, p] of pred.entries()) {
      const a = found[k]!;
      if (!a.source) continue;
      if (goldCues.some((c) => over(c, p))) continue;
      const hits = goldSources.some((s) => over(s, a.source!));
      bump(
        this.sourceSplit,
        `d: predicted source, its cue overlaps no gold cue${hits ? ' (source overlaps a gold source)' : ''}`,
      );
      this.sampleSource(
        'd: spurious attribution',
        `${text.slice(Math.max(0, a.source.start - 30), p.end + 40)} — cue "${said(p)}", ours "${said(a.source)}"`,
        10,
      );
    }
    void units;
    void table;
  }

  report(): string {
    const list = (m: Map<string, number>, top = 1000) =>
      [...m]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, top)
        .map(([k, v]) => `| ${k} | ${v} |`)
        .join('\n');
    const spur = [...this.spurious.values()].reduce((a, b) => a + b, 0);
    return [
      `\n#### Census: gold cues ${this.gold}, predicted ${this.predicted}, exact ${this.exact}, spurious ${spur}\n`,
      `| gold cues by the head word's class (our POS tagger) | count |\n| --- | --- |\n${list(this.goldClass)}\n`,
      `| gold cue not matched exactly: why | count |\n| --- | --- |\n${list(this.missed)}\n`,
      `| gold cue not matched exactly: the brief's classes / shape | count |\n| --- | --- |\n${list(this.briefClass)}\n`,
      `| never a candidate: construction (first … last word's class) / where the content is | count |\n| --- | --- |\n${list(this.never)}\n`,
      `| never a candidate: phrase | count |\n| --- | --- |\n${list(this.neverPhrase, 50)}\n`,
      `| predicted cue inside a gold attribution's content | count |\n| --- | --- |\n${list(this.nested)}\n`,
      `| gold cue not matched exactly: construction / class | count |\n| --- | --- |\n${list(this.missedClass)}\n`,
      `| missed gold cue (not a boundary error): head word | count |\n| --- | --- |\n${list(this.missedHead, 50)}\n`,
      `| boundary error: shape | count |\n| --- | --- |\n${list(this.boundaryShape)}\n`,
      `| boundary error: the first word past the shorter end | count |\n| --- | --- |\n${list(this.boundaryTail, 40)}\n`,
      `| boundary error: predicted → gold | count |\n| --- | --- |\n${list(this.boundary, 40)}\n`,
      `| spurious predicted cue (no gold cue overlaps) | count |\n| --- | --- |\n${list(this.spurious, 40)}\n`,
      `| spurious predicted cue: where | count |\n| --- | --- |\n${list(this.spuriousWhere)}\n`,
      `| predicted attribution: cue and source | count |\n| --- | --- |\n${list(this.source)}\n`,
      `| source overlap errors: class | count |\n| --- | --- |\n${list(this.sourceSplit)}\n`,
      `| source overlap errors: shape | count |\n| --- | --- |\n${list(this.sourceShape)}\n`,
      ...[...this.samples].map(([k, v]) => `missed, ${k}:\n${v.map((x) => `- ${x}`).join('\n')}\n`),
    ].join('\n');
  }
}

/**
 * Speakers that are pronouns, over an ingested corpus: how many quotes have a pronoun or a
 * relative pronoun as the speaker's text, how many of those resolve to an entity, how many stay
 * unnamed (and are still listed by name by the store: the `quotes.speaker` column holds their text).
 * Given a second database of the same inputs (another build), also compares them quote by quote:
 * spans (content, cue, speaker) must be equal; speaker entities gained, lost or changed are counted
 * and the first few of each printed. Also counts the quotes that report a speaker's silence
 * (speaker-declines.ts: kept as quotes, listed apart by whoever lists statements).
 *
 *   node dist/scripts/quotes-speakers.js BASE.db [NEW.db] [--examples N]
 *   node dist/scripts/quotes-speakers.js --polnear polnear.jsonl
 *
 * `--polnear`: on PolNeAR's train split only, how gold treats attributions that report silence
 * (gold cues that declinesToSpeak flags) and how many of the shipped extractor's such quotes meet a
 * gold cue (what dropping them would cost).
 */
import Database from 'better-sqlite3';
import type { Article } from '../src/article/types.js';
import { declinesToSpeak } from '../src/quotes/speaker-declines.js';
import {
  isPronounSpeaker,
  PERSONAL_PRONOUN_TYPES,
  RELATIVE_PRONOUN_TYPES,
} from '../src/quotes/speaker-pronouns.js';

const args = process.argv.slice(2);
const polnear = args.indexOf('--polnear');
if (polnear >= 0) {
  await silenceOnTrain(args[polnear + 1]!);
  process.exit(0);
}

async function silenceOnTrain(file: string): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const { findQuotes } = await import('../src/quotes/index.js');
  const { shippedLexicon } = await import('../src/quotes/cue-lexicon.js');
  const { shippedTagger } = await import('../src/quotes/cue-tagger.js');
  const { shippedRescorer } = await import('../src/quotes/cue-rescorer.js');
  const lexicon = shippedLexicon();
  const tagger = shippedTagger();
  const rescorer = tagger ? shippedRescorer() : undefined;
  let articles = 0;
  let gold = 0;
  let goldSilence = 0;
  let predicted = 0;
  let silence = 0;
  let silenceMeetsGold = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as {
      id: string;
      split: string;
      text: string;
      attributions: Array<{ cue?: { start: number; end: number } | null }>;
    };
    if (a.split !== 'train') continue;
    articles++;
    const cues = a.attributions.flatMap((x) => (x.cue ? [x.cue] : []));
    gold += cues.length;
    for (const cue of cues) if (declinesToSpeak(a.text, { cue })) goldSilence++;
    const article: Article = { schemaVersion: '1.0', id: a.id, text: a.text, source: { format: 'text' } };
    for (const q of findQuotes(article, lexicon, tagger, rescorer)) {
      predicted++;
      if (!declinesToSpeak(a.text, q)) continue;
      silence++;
      if (cues.some((c) => c.start < q.cue.end && c.end > q.cue.start)) silenceMeetsGold++;
    }
  }
  console.log(
    JSON.stringify({ split: 'train', articles, gold, goldSilence, predicted, silence, silenceMeetsGold }),
  );
}
const exIndex = args.indexOf('--examples');
const examples = exIndex >= 0 ? Number(args[exIndex + 1]) : 8;
const files = args.filter((a, i) => !a.startsWith('--') && i !== exIndex + 1);
if (!files.length) {
  console.error('usage: quotes-speakers BASE.db [NEW.db] [--examples N]');
  process.exit(2);
}

interface Row {
  key: string;
  spans: string;
  declines: boolean;
  speakerText: string | undefined;
  entityName: string | undefined;
  context: string;
}

function rows(file: string): Map<string, Row> {
  const db = new Database(file, { readonly: true });
  const out = new Map<string, Row>();
  for (const { json } of db.prepare('SELECT json FROM articles ORDER BY id').iterate() as Iterable<{
    json: string;
  }>) {
    const a = JSON.parse(json) as Article;
    const names = new Map((a.entities ?? []).map((e) => [e.id, e.name]));
    for (const [i, q] of (a.quotes ?? []).entries()) {
      const sp = q.speaker;
      const key = `${a.id}#${i}`;
      out.set(key, {
        key,
        spans: JSON.stringify([q.kind, q.start, q.end, q.cue, sp?.start, sp?.end]),
        declines: declinesToSpeak(a.text, q),
        speakerText: sp ? a.text.slice(sp.start, sp.end).replace(/\s+/g, ' ').trim() : undefined,
        entityName: sp?.entity ? names.get(sp.entity) : undefined,
        context: sp
          ? `…${a.text.slice(Math.max(0, sp.start - 70), sp.start).replace(/\s+/g, ' ')}[[${a.text.slice(sp.start, sp.end)}]] ${a.text.slice(q.cue.start, q.cue.end)}`
          : '',
      });
    }
  }
  // What the store lists by name: a speaker column that is a pronoun alone.
  const listed = db
    .prepare('SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker')
    .all() as Array<{ speaker: string; n: number }>;
  let listedPronouns = 0;
  for (const r of listed) if (isPronounSpeaker(r.speaker)) listedPronouns += r.n;
  db.close();
  console.log(`${file}: quotes whose stored speaker name is a pronoun alone: ${listedPronouns}`);
  return out;
}

function census(file: string, all: Map<string, Row>): void {
  const groups: Record<string, { total: number; resolved: number; byWord: Map<string, [number, number]> }> =
    {};
  for (const r of all.values()) {
    if (!r.speakerText) continue;
    const w = r.speakerText.toLowerCase();
    const group =
      w in PERSONAL_PRONOUN_TYPES
        ? 'personal (he she they it its)'
        : w in RELATIVE_PRONOUN_TYPES
          ? 'relative (who which that)'
          : isPronounSpeaker(w)
            ? 'other pronouns (I we you …)'
            : 'not a pronoun';
    groups[group] ??= { total: 0, resolved: 0, byWord: new Map() };
    const g = groups[group];
    g.total++;
    if (r.entityName) g.resolved++;
    if (group !== 'not a pronoun') {
      const c = g.byWord.get(w) ?? [0, 0];
      c[0]++;
      if (r.entityName) c[1]++;
      g.byWord.set(w, c);
    }
  }
  let declines = 0;
  let declinesResolved = 0;
  for (const r of all.values()) {
    if (!r.declines) continue;
    declines++;
    if (r.entityName) declinesResolved++;
  }
  console.log(
    `${file}: quotes that report silence ("declined to comment", "has not said"): ${declines}; with a resolved speaker: ${declinesResolved}`,
  );
  console.log(`${file}: speakers by their text (quotes; resolved to an entity; unnamed)`);
  for (const [name, g] of Object.entries(groups)) {
    const words = [...g.byWord].sort((a, b) => b[1][0] - a[1][0]).map(([w, [n, r]]) => `${w} ${n}/${r}`);
    console.log(
      `  ${name}: ${g.total}; resolved ${g.resolved}; unnamed ${g.total - g.resolved}${words.length ? `  (${words.join(', ')})` : ''}`,
    );
  }
}

const base = rows(files[0]!);
census(files[0]!, base);
if (files[1]) {
  const next = rows(files[1]);
  census(files[1], next);
  let spanDiffs = 0;
  const changes: Record<string, Row[][]> = { gained: [], lost: [], changed: [] };
  for (const [key, a] of base) {
    const b = next.get(key);
    if (!b || a.spans !== b.spans) {
      spanDiffs++;
      continue;
    }
    if (a.entityName === b.entityName) continue;
    const kind = !a.entityName ? 'gained' : !b.entityName ? 'lost' : 'changed';
    changes[kind]!.push([a, b]);
  }
  console.log(`quotes: ${base.size} vs ${next.size}; spans differing: ${spanDiffs}`);
  for (const [kind, list] of Object.entries(changes)) {
    console.log(`speaker entity ${kind}: ${list.length}`);
    for (const [a, b] of list.slice(0, examples)) {
      console.log(`  ${a!.context}  →  ${a!.entityName ?? '-'} ⇒ ${b!.entityName ?? '-'}`);
    }
  }
}

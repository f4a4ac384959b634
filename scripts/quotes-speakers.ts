/**
 * Speakers that are pronouns, over an ingested corpus: how many quotes have a pronoun or a
 * relative pronoun as the speaker's text, how many of those resolve to an entity, how many stay
 * unnamed (and are still listed by name by the store: the `quotes.speaker` column holds their text).
 * Given a second database of the same inputs (another build), also compares them quote by quote:
 * spans (content, cue, speaker) must be equal; speaker entities gained, lost or changed are counted
 * and the first few of each printed.
 *
 *   node dist/scripts/quotes-speakers.js BASE.db [NEW.db] [--examples N]
 */
import Database from 'better-sqlite3';
import type { Article } from '../src/article/types.js';
import {
  isPronounSpeaker,
  PERSONAL_PRONOUN_TYPES,
  RELATIVE_PRONOUN_TYPES,
} from '../src/quotes/speaker-pronouns.js';

const args = process.argv.slice(2);
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

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alignEnds, sbdTask } from '../../src/text/eval-sbd.js';
import { parseConllu } from '../../src/text/sbd-data.js';
import { runCli } from '../cli/run-cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/text/${name}`, import.meta.url));

describe('parseConllu', () => {
  it('joins sentences with a space, and with a blank line where a paragraph starts', async () => {
    const { readFileSync } = await import('node:fs');
    const docs = parseConllu(readFileSync(fixture('mini.conllu'), 'utf8'));
    expect(docs.map((d) => d.id)).toEqual(['GUM_news_ferry', 'GUM_conversation_tea']);
    expect(docs[0]!.text).toBe(
      'Ferry service resumes\n\nThe harbour ferry ran again on Monday. Capt. Ines Moreau said the engine was fixed.',
    );
    expect(docs[0]!.ends).toEqual([21, 61, docs[0]!.text.length]);
    expect(docs[1]!.text).toBe('Do you want tea Yes please.');
  });
});

describe('parseConllu token forms', () => {
  it('can build the text from the tokens, lower-cased, as the CNN/DM copy is', async () => {
    const { readFileSync } = await import('node:fs');
    const raw = readFileSync(fixture('mini.conllu'), 'utf8');
    expect(parseConllu(raw, 'tokens')[0]!.text).toBe(
      'Ferry service resumes\n\nThe harbour ferry ran again on Monday . Capt. Ines Moreau said the engine was fixed .',
    );
    expect(parseConllu(raw, 'lower-tokens')[1]!.text).toBe('do you want tea yes please .');
  });

  it('scores the lower-cased tokenized construction with --method lower-tokens', async () => {
    const report = await sbdTask.run({ data: fixture('mini.conllu'), flags: { method: 'lower-tokens' } });
    expect(report.figures).toMatchObject({ task: 'sbd', sentences: 5, method: 'lower-tokens' });
  });
});

describe('eval sbd', () => {
  it('scores CoNLL-U boundaries: every predicted end checked against the gold ends', async () => {
    const report = await sbdTask.run({ data: fixture('mini.conllu'), flags: {} });
    // Gold: 3 + 2 ends. Ours: the three of the news document, and one for "Do you want tea Yes please."
    expect(report.figures).toMatchObject({ task: 'sbd', sentences: 5, precision: 1, recall: 0.8 });
    expect(report.figures['f1']).toBeCloseTo(0.888889, 5);
  });

  it('passes the golden-rules format on our news fixtures and lists no failing case', async () => {
    const report = await sbdTask.run({ data: fixture('news-sentences.json'), flags: {} });
    expect(report.figures).toMatchObject({ task: 'sbd', passed: report.figures['cases'], accuracy: 1 });
  });

  it('prints the table and the figures as the last line from the CLI', async () => {
    const res = await runCli(['eval', 'sbd', '--data', fixture('mini.conllu')]);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      task: 'sbd',
      documents: 2,
      sentences: 5,
      precision: 1,
      recall: 0.8,
      f1: 0.888889,
    });
    expect(res.stdout).toContain('conversation');
  });

  it('names the file when it is neither format', async () => {
    const res = await runCli(['eval', 'sbd', '--data', fixture('not-sbd.txt')]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('not-sbd.txt');
    expect(res.stderr).toContain('expecting golden-rules JSON');
  });
});

describe('alignEnds', () => {
  it('places sentence strings back in the text, whitespace inside ignored', () => {
    const text = 'One  two.\nThree four.  Five.';
    expect(alignEnds(text, ['One two.', 'Three four.', 'Five.'])).toEqual([9, 21, 28]);
  });
});

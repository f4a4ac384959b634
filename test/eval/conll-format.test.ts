import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasConllLine, readConll } from '../../src/entities/conll.js';
import { runCli } from '../cli/run-cli.js';

describe('CoNLL files', () => {
  it('a file with no token line is a format error, not one sentence scored F1 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-conll-'));
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]));
    expect(() => readConll(junk)).toThrow(/is not a CoNLL file/);
    const r = await runCli(['eval', 'ner', '--data', junk]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${junk}: is not a CoNLL file: no line holds a word and an entity tag (such as "Paris NNP B-NP I-LOC")\n`,
    );
  });

  it('knows a token line from prose', () => {
    expect(hasConllLine('-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n')).toBe(true);
    expect(hasConllLine('Paris B-LOC\n')).toBe(true);
    expect(hasConllLine('The mayor said the bridge would open.\nNothing here.\n')).toBe(false);
    expect(hasConllLine('')).toBe(false);
  });

  it('reads a small file as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-conll-'));
    const path = join(dir, 'small.conll');
    writeFileSync(path, 'EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n');
    expect(readConll(path).map((s) => s.tags)).toEqual([['I-ORG', 'O'], ['I-PER']]);
  });
});

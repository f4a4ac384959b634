import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'nd-ner-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return path;
}

describe('eval ner on a .jsonl that is not entity-annotated', () => {
  it('refuses a file of another format (an attribution corpus line), naming the file and record', async () => {
    const path = file('attributions.jsonl', [
      { id: 'a1', split: 'dev', text: 'The mayor said the pier would reopen.', attributions: [] },
    ]);
    const r = await runCli(['eval', 'ner', '--data', path]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${path}: record 1`);
    expect(r.stderr).toContain('"types"');
    expect(r.stdout).not.toContain('"task":"ner"');
  });

  it('refuses records that mark no mention, rather than scoring every figure 1', async () => {
    const path = file('unmarked.jsonl', [{ id: 'u1', text: 'Nobody is named here.', types: {} }]);
    const r = await runCli(['eval', 'ner', '--data', path]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no mention marked');
  });

  it('names a mention label that has no type', async () => {
    const path = file('untyped.jsonl', [{ id: 't1', text: '[Ada Quill]{a} spoke.', types: {} }]);
    const r = await runCli(['eval', 'ner', '--data', path]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no type for the mention label "a"');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('newsdigest digest --format md', () => {
  it('renders the HTML example for a person: title, facts, highlights, story, entities, quotes', async () => {
    const r = await runCli(['digest', 'examples/night-market.html', '--format', 'md']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.startsWith('# Night market returns to Calder Street after three-year pause\n')).toBe(true);
    expect(md).toContain('**By** Priya Raman');
    expect(md).toContain('**Published** 2026-06-12T18:30:00Z');
    // The subheading keeps its level under the story, the list its items.
    expect(md).toMatch(
      /## Story\n[\s\S]*### Rules for vendors\n[\s\S]*- Forty food stalls and twelve craft stalls/,
    );
    expect(md).toContain('## Entities');
    // A resolved speaker is shown by the entity's name: the person, not the association in his relative clause.
    // His quote goes on after "said Tomasz Wilk, who chairs …": one quote, the attribution elided.
    expect(md).toContain(
      '- **Tomasz Wilk** (direct, speech, "said"): "People kept asking when it would come back," … "Tonight we finally had an answer."',
    );
  });

  it('names a page without a title by its id, and says it is untitled', async () => {
    const r = await runCli(['digest', 'examples/harbour-bridge.txt', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Untitled article \([0-9a-f]{16}\)\n/);
    expect(r.stdout).toContain('## Highlights (page)');
  });

  it('escapes Markdown and HTML in page content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-md-'));
    const page = join(dir, 'page.html');
    writeFileSync(
      page,
      '<html><head><title>Bold *claims* &lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><article><h1>Bold *claims* &lt;script&gt;alert(1)&lt;/script&gt;</h1><p>The harbour board met on Monday and agreed to keep the ferry running through the winter months.</p><p>Members said the service would be reviewed again in the spring after the new timetable starts.</p></article></body></html>',
    );
    const r = await runCli(['digest', page, '--format', 'md']);
    expect(r.code).toBe(0);
    const title = r.stdout.split('\n', 1)[0]!;
    expect(title).toBe('# Bold \\*claims\\* \\<script\\>alert(1)\\</script\\>');
    expect(r.stdout).not.toContain('<script>');
  });
});

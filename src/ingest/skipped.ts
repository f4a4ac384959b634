/**
 * The WARC records a read skipped (ReadOptions.onSkipped), summed up for people: one line per
 * WARC file with the counts by reason, and one line per skipped response or resource naming
 * its record and URL (the records that could have been pages: an HTTP 404, an image …).
 * Records that are never pages (warcinfo, request, metadata, revisit) are counted, not named:
 * a CC-NEWS file holds two of them for every page.
 */
import type { SkippedRecord } from './warc.js';

/** How each reason reads in a summary, in the order the summary lists them. */
const REASONS: readonly [SkippedRecord['reason'], string][] = [
  ['not-a-page', 'not pages'],
  ['status', 'HTTP status not 200'],
  ['content-type', 'neither HTML nor text'],
  ['empty', 'empty'],
];

/** The details of one reason, most frequent first: "2 request, 1 warcinfo" (one alone: "request"). */
function details(counts: Map<string, number>): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return sorted.map(([detail, n]) => (n === 1 ? detail : `${n}× ${detail}`)).join(', ');
}

export class SkippedRecords {
  /** By file: the count of each reason's details ("a request record" → 2). */
  private readonly files = new Map<string, Map<SkippedRecord['reason'], Map<string, number>>>();
  private readonly named: SkippedRecord[] = [];
  private count = 0;

  /** Bound, so that it can be given as `onSkipped` as it is. */
  readonly add = (record: SkippedRecord): void => {
    this.count++;
    let reasons = this.files.get(record.file);
    if (!reasons) {
      reasons = new Map();
      this.files.set(record.file, reasons);
    }
    let counts = reasons.get(record.reason);
    if (!counts) {
      counts = new Map();
      reasons.set(record.reason, counts);
    }
    const detail = record.reason === 'not-a-page' ? record.detail.replace(/^an? /, '') : record.detail;
    counts.set(detail, (counts.get(detail) ?? 0) + 1);
    if (record.reason !== 'not-a-page') this.named.push(record);
  };

  /** Records skipped in all. */
  get size(): number {
    return this.count;
  }

  /**
   * One line per file: "crawl.warc.gz: 10 records skipped: 5 not pages (2× request record,
   * warcinfo record, …); 2 HTTP status not 200 (HTTP 404, HTTP 301); 3 neither HTML nor text (…)".
   */
  summaryLines(): string[] {
    const lines: string[] = [];
    for (const [file, reasons] of this.files) {
      let total = 0;
      const parts: string[] = [];
      for (const [reason, words] of REASONS) {
        const counts = reasons.get(reason);
        if (!counts) continue;
        let n = 0;
        for (const c of counts.values()) n += c;
        total += n;
        parts.push(`${n} ${n === 1 && reason === 'not-a-page' ? 'not a page' : words} (${details(counts)})`);
      }
      lines.push(`${file}: ${total} record${total === 1 ? '' : 's'} skipped: ${parts.join('; ')}`);
    }
    return lines;
  }

  /** One line per skipped response or resource: "crawl.warc.gz#7 https://x.example/a: skipped (HTTP 404)". */
  recordLines(): string[] {
    return this.named.map((r) => `${r.file}#${r.record}${r.url ? ` ${r.url}` : ''}: skipped (${r.detail})`);
  }

  /** The skipped responses and resources, in the order they were read. */
  records(): readonly SkippedRecord[] {
    return this.named;
  }
}

/**
 * What every evaluation returns: a readable table for a person and one flat object
 * of figures for machines. The CLI prints the table, then the figures as one JSON
 * line (always the last line of output).
 */
export interface EvalReport {
  /** The figures; `task` names the task. Printed as the last line, as JSON. */
  figures: { task: string } & Record<string, unknown>;
  /** Column headings and rows of the readable table. */
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table (data fingerprint, notes). */
  notes?: string[];
}

export interface EvalArgs {
  /** The data file or folder. */
  data: string;
  limit?: number;
  /** Task-specific flags (`--method textrank`, `--split dev`), as given. */
  flags: Record<string, string | boolean | undefined>;
  /** Called with (done, total?) as work goes on, for the progress display. */
  progress?: (done: number, total?: number) => void;
}

export interface EvalTask {
  name: string;
  /** One line for `newsdigest eval --help`. */
  summary: string;
  /** The data used when `--data` is not given, relative to the data folder (default ../shared/data). */
  defaultData: string;
  /** Extra flags the task takes, for help: name → description. */
  flags?: Record<string, string>;
  run(args: EvalArgs): Promise<EvalReport>;
}

/** Rounds a figure for the JSON line: enough digits to compare runs, not float noise. */
export function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatTable(columns: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = columns.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) < 1 ? x.toFixed(4) : x.toFixed(2);
}

/** Precision, recall and F1 from counts; 0 where undefined. */
export function prf(truePositives: number, predicted: number, gold: number) {
  const precision = predicted ? truePositives / predicted : 0;
  const recall = gold ? truePositives / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * A one-line progress display on stderr: count, rate, and a percentage and the time left when
 * the total is known (the pages', or the share of the inputs' bytes read). Drawn only on a terminal (never when piped, never with --quiet), at most
 * ten times a second, and not before the run has gone on for a moment (FIRST_DRAW_MS), so a
 * run of one page or a few shows none.
 *
 * The line is drawn with a carriage return and no newline: whatever a command writes next to
 * the terminal (stdout or stderr, which are one screen) would be glued to it. So a command
 * calls `clear()` before it writes anything else while the display may be up (commands wrap
 * their writes in `say`/`write` helpers that do it), and `done()` before its last output; the
 * next tick draws the line again below.
 */
export interface Progress {
  tick(done: number, total?: number): void;
  /** Erases the line if it is drawn; a later tick draws it again. */
  clear(): void;
  /** Erases the line for good: later ticks draw nothing. */
  done(): void;
}

const SILENT: Progress = { tick() {}, clear() {}, done() {} };

/** No line before this much time has passed since the display was made (ms). */
export const FIRST_DRAW_MS = 250;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A size in bytes, as "812 KB", "12.3 MB", "1.4 GB" (decimal units). */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function percent(share: number): string {
  const p = Math.min(100, Math.max(0, share * 100));
  return p < 10 ? `${p.toFixed(1)}%` : `${Math.floor(p)}%`;
}

/** How much of the inputs' bytes has been read: what a run of unknown page count goes by. */
export interface BytesShare {
  /** Bytes of the inputs taken in so far (fileBytesRead). */
  read: number;
  total: number;
  /**
   * Pages read from those bytes so far. Reading runs ahead of the pages done (buffers, pages
   * waiting for a worker), so the share done is the pages done of the pages those bytes held,
   * scaled by the share of bytes read: exact once the inputs are read to the end.
   */
  pages?: number;
}

/**
 * The progress line: count, rate, and when the total is known a percentage and the time left.
 * With a page total: "ingest 120/4368 (2.7%, 103.9/s, 41s left)". Without one, the share done
 * of the inputs' bytes (a gzip file, a feed, a WARC): "ingest 120 (2.7% of 12 MB, 103.9/s, 41s
 * left)", the time left being the time so far scaled by what is left (BytesShare.pages).
 */
export function progressLine(
  label: string,
  done: number,
  total: number | undefined,
  elapsed: number,
  bytes?: BytesShare,
): string {
  const rate = elapsed > 0 ? done / elapsed : 0;
  const parts: string[] = [];
  let left: number | undefined;
  if (total) {
    parts.push(percent(done / total));
    if (rate > 0) left = Math.max(0, total - done) / rate;
  } else if (bytes && bytes.total > 0) {
    const taken = Math.min(1, bytes.read / bytes.total);
    const share = bytes.pages ? Math.min(1, (done / bytes.pages) * taken) : taken;
    parts.push(`${percent(share)} of ${sizeText(bytes.total)}`);
    if (share > 0 && elapsed > 0) left = (elapsed * (1 - share)) / share;
  }
  parts.push(`${rate.toFixed(1)}/s`);
  if (left !== undefined) parts.push(`${duration(left)} left`);
  const count = total ? `${done}/${total}` : String(done);
  return `${label} ${count} (${parts.join(', ')})`;
}

export function createProgress(
  label: string,
  stream: NodeJS.WritableStream,
  interactive: boolean,
  now: () => number = Date.now,
  /** The inputs' bytes read so far and their total, for a run whose page count is unknown. */
  bytes?: () => BytesShare | undefined,
): Progress {
  if (!interactive) return SILENT;
  const t0 = now();
  let last = 0;
  let drawn = false;
  let finished = false;
  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    tick(done, total) {
      if (finished) return;
      const t = now();
      if (t - t0 < FIRST_DRAW_MS) return;
      if (t - last < 100 && done !== total && drawn) return;
      last = t;
      drawn = true;
      stream.write(
        `\r\x1b[2K${progressLine(label, done, total, (t - t0) / 1000, total ? undefined : bytes?.())}`,
      );
    },
    clear,
    done() {
      clear();
      finished = true;
    },
  };
}

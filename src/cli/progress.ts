/**
 * A one-line progress display on stderr: count, rate, and time left when the total
 * is known. Drawn only on a terminal (never when piped, never with --quiet), at most
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

export function progressLine(
  label: string,
  done: number,
  total: number | undefined,
  elapsed: number,
): string {
  const rate = elapsed > 0 ? done / elapsed : 0;
  const count = total ? `${done}/${total}` : String(done);
  const left = total && rate > 0 ? `, ${duration((total - done) / rate)} left` : '';
  return `${label} ${count} (${rate.toFixed(1)}/s${left})`;
}

export function createProgress(
  label: string,
  stream: NodeJS.WritableStream,
  interactive: boolean,
  now: () => number = Date.now,
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
      stream.write(`\r\x1b[2K${progressLine(label, done, total, (t - t0) / 1000)}`);
    },
    clear,
    done() {
      clear();
      finished = true;
    },
  };
}

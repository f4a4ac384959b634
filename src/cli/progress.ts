/**
 * A one-line progress display on stderr: count, rate, and time left when the total
 * is known. Drawn only on a terminal (never when piped, never with --quiet), at most
 * ten times a second.
 */
export interface Progress {
  tick(done: number, total?: number): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };

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

export function createProgress(label: string, stream: NodeJS.WritableStream, interactive: boolean): Progress {
  if (!interactive) return SILENT;
  const t0 = Date.now();
  let last = 0;
  let drawn = false;
  return {
    tick(done, total) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      drawn = true;
      stream.write(`\r\x1b[2K${progressLine(label, done, total, (now - t0) / 1000)}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

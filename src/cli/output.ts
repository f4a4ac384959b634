/**
 * What became of a command's standard output. A reader that stops early (`| head`) closes the
 * pipe: the next write fails with EPIPE, and a stream with no 'error' listener turns that into
 * an uncaught exception and a stack trace. A full disk (`> /dev/full`) fails the same way with
 * ENOSPC. The watch listens for both: a closed pipe ends the command quietly (the batch stops
 * writing, exit code as without it), any other error is one line naming stdout (exit 1).
 * Standard error's failures are swallowed: there is nowhere left to report them, and a command
 * whose work is not its output (ingest's database) goes on.
 */

export interface OutputWatch {
  /** True once a write to stdout has failed (closed pipe or other): nothing more written will arrive. */
  gone(): boolean;
  /** The first write error on stdout that is not a closed pipe, else undefined. */
  failure(): Error | undefined;
  /** Settles once what was written to stdout is written out or has failed (never rejects). */
  settle(): Promise<void>;
}

/** The streams already watched: an 'error' listener is added once per stream, for its life. */
const watched = new WeakMap<NodeJS.WritableStream, { error?: Error }>();

/** Whether an error is a reader closing the pipe (EPIPE; ERR_STREAM_DESTROYED after it). */
export function isClosedPipe(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

function watchStream(stream: NodeJS.WritableStream): { error?: Error } {
  let state = watched.get(stream);
  if (state === undefined) {
    const s: { error?: Error } = {};
    state = s;
    watched.set(stream, s);
    stream.on('error', (e: Error) => {
      s.error ??= e;
    });
  }
  return state;
}

/** The one line for a stdout write error that is not a closed pipe. */
export function stdoutErrorLine(command: string, e: Error): string {
  return `newsdigest ${command}: stdout: cannot be written (${e.message})\n`;
}

export function watchOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): OutputWatch {
  const out = watchStream(stdout);
  if (stderr !== stdout) watchStream(stderr);
  // A failed write marks the stream errored at once; the 'error' event follows a tick later.
  const error = (): Error | undefined =>
    out.error ?? ((stdout as { errored?: Error | null }).errored || undefined);
  return {
    gone: () => error() !== undefined,
    failure: () => {
      const e = error();
      return e !== undefined && !isClosedPipe(e) ? e : undefined;
    },
    async settle() {
      const w = stdout as NodeJS.WritableStream &
        Partial<Pick<NodeJS.WriteStream, 'writableLength' | 'destroyed'>>;
      if (!w.destroyed && (w.writableLength ?? 0) > 0) await drained(stdout);
      // A write that failed at once reports it on the next tick (the stream's destroy).
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

/**
 * How often (ms) a batch gives the event loop a turn. The readers read files synchronously and
 * each page's digest resolves in microtasks, so without a turn the loop would not run for the
 * whole batch: a closed pipe's EPIPE (reported on the loop) would be seen only at the end, after
 * every page was digested for nothing, and an --out file's writes (completed on the loop) would
 * pile up in memory.
 */
export const TURN_MS = 50;

/** One turn of the event loop: I/O completions and their errors (a closed pipe) are handled. */
export function loopTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Settles when a stream that refused more (write returned false) drains, fails or closes. */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}

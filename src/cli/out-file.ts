/**
 * Files the command line writes (digest's --out, ingest's --errors and --duplicates), checked
 * before any work is done: a path in a missing folder, a folder, or a file that cannot be
 * written gets one line naming it and the problem, not a stack trace after the run.
 */
import { closeSync, openSync, realpathSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

/** Why a path cannot be written, in a few words (from a node error's code). */
export function problem(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'a part of its path is not a folder';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'is on a read-only file system';
  return (e as Error)?.message ?? `cannot be written (${path})`;
}

/**
 * Opens `path` for writing and returns its descriptor, or the one line to print. `truncate`
 * empties it now (the caller writes it whole); without it the file is opened to append and
 * closed again, which creates it when missing and leaves its content alone.
 */
export function openForWriting(
  path: string,
  flag: string,
  truncate: boolean,
): { fd: number } | { error: string } {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      return { error: `${flag} ${path}: is a folder, not a file` };
    }
    const fd = openSync(path, truncate ? 'w' : 'a');
    if (truncate) return { fd };
    closeSync(fd);
    return { fd: -1 };
  } catch (e) {
    return { error: `${flag} ${path}: cannot be written (${problem(e, path)})` };
  }
}

/**
 * A test of whether a page's origin (or an error's input) is the file at `path`: the origin
 * itself, or its file part before a `:line` (JSONL) or `#item` (feeds, WARC) suffix. Compared by
 * real path, so `./out.jsonl`, `dir/../out.jsonl` and a link to it all match; only origins
 * whose last part has the file's name are resolved (one stat each), the rest cost nothing.
 */
export function originIsFile(path: string): (origin: string) => boolean {
  const name = basename(path);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  const seen = new Map<string, boolean>();
  const isIt = (candidate: string): boolean => {
    if (basename(candidate) !== name && basename(candidate) !== basename(real)) return false;
    let hit = seen.get(candidate);
    if (hit === undefined) {
      try {
        hit = realpathSync(candidate) === real;
      } catch {
        hit = resolve(candidate) === real;
      }
      seen.set(candidate, hit);
    }
    return hit;
  };
  return (origin) => {
    if (isIt(origin)) return true;
    const m = /^(.*)[:#]\d+$/.exec(origin);
    return m !== null && isIt(m[1]!);
  };
}

/**
 * Ends a file stream and settles once it is written and closed, with the first error it met (or
 * undefined). `end(callback)` alone is not enough: node calls that callback (with the error as
 * its argument) before the stream emits 'error', so a check of an 'error' listener's flag made
 * in the callback sees nothing yet, and a full disk passed for success.
 */
export async function closeStream(stream: NodeJS.WritableStream): Promise<Error | undefined> {
  stream.end();
  try {
    await finished(stream);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/**
 * The `--db` path's problem as one line, or undefined: a folder is named as such (SQLite's own
 * "unable to open database file" does not say why). A missing file is the store's to report.
 */
export function dbPathProblem(command: string, db: string): string | undefined {
  try {
    if (statSync(db, { throwIfNoEntry: false })?.isDirectory()) {
      return `${command}: --db ${db}: is a directory, not a database file`;
    }
  } catch {
    // Unreadable parents and the like: the store opens it and says what went wrong.
  }
  return undefined;
}

/** A scheme and `//`: `https://…`, `file:///…`, `ftp://…` (not a Windows drive path). */
const URL_INPUT = /^[a-z][a-z0-9+.-]+:\/\//i;

/** The line for an input that is a URL this tool does not fetch. */
export const URL_NOT_FETCHED = 'URLs are not fetched: save the page and pass the file';

/**
 * The inputs as paths: a `file://` URL becomes its path (it names a local file unambiguously);
 * any other URL (http, https, ftp, …) is refused with one line each (`input: URLs are not
 * fetched: …`), as a missing file is. Everything else is passed on as given.
 */
export function localInputs(args: readonly string[]): { inputs: string[]; refused: string[] } {
  const inputs: string[] = [];
  const refused: string[] = [];
  for (const arg of args) {
    if (!URL_INPUT.test(arg)) {
      inputs.push(arg);
      continue;
    }
    if (/^file:/i.test(arg)) {
      try {
        inputs.push(fileURLToPath(arg));
        continue;
      } catch (e) {
        refused.push(`${arg}: not a local file URL (${(e as Error).message})`);
        continue;
      }
    }
    refused.push(`${arg}: ${URL_NOT_FETCHED}`);
  }
  return { inputs, refused };
}

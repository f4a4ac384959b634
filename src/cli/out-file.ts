/**
 * Files the command line writes (digest's --out, ingest's --errors and --duplicates), checked
 * before any work is done: a path in a missing folder, a folder, or a file that cannot be
 * written gets one line naming it and the problem, not a stack trace after the run.
 */
import { closeSync, openSync, realpathSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/** Why a path cannot be written, in a few words (from a node error's code). */
function problem(e: unknown, path: string): string {
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

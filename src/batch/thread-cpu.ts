/**
 * CPU time of the calling thread alone, in ms, where the system tells it (Linux:
 * /proc/thread-self/schedstat, first field in ns); undefined elsewhere. `process.cpuUsage()`
 * counts every thread of the process, V8's compiler and GC helpers included, so it cannot
 * say what one worker thread spent; the batch reports both.
 */
import { readFileSync } from 'node:fs';

export function threadCpuMs(): number | undefined {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

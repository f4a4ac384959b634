/**
 * The turn of a writing pool (pool.ts): the first page sequence number not yet committed,
 * in shared memory, read by every worker and moved on by whoever commits the batch that
 * starts there.
 */

/** Moves the turn forward to `end` (never back: a late mover cannot undo a later commit) and wakes any waiting worker. */
export function advanceTurn(turn: Int32Array, end: number): void {
  for (;;) {
    const now = Atomics.load(turn, 0);
    if (now >= end) return;
    if (Atomics.compareExchange(turn, 0, now, end) === now) {
      Atomics.notify(turn, 0);
      return;
    }
  }
}

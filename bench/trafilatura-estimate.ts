/**
 * trafilatura's pages/s on this machine, estimated from the extract-* peers measured in
 * the same run. trafilatura cannot be installed here (not in Debian, not on npm), but the
 * peers README gives it and four installable peers, all measured on one reference machine
 * in one table: each peer's rate here over its reference rate says how much slower (or
 * faster) this machine and this moment are, and scaling trafilatura's reference rate by it
 * gives one estimate per peer. Their median is the figure the "≥ 10× trafilatura"
 * is checked against.
 */

/**
 * Pages/s on the 121 extraction pages, process start included, from the table "Reference
 * figures" of ../shared/peers/README.md (measured 2026-11-25 on a 2-core Node 20 machine,
 * one core per run). Figures, not text.
 */
export const REFERENCE_PAGES_PER_SECOND: Readonly<Record<string, number>> = {
  'extract-trafilatura': 32,
  'extract-readability': 8.6,
  'extract-readability-lxml': 39,
  'extract-boilerpipe': 47,
  'extract-html-text': 204,
};

export const TRAFILATURA = 'extract-trafilatura';

export interface TrafilaturaEstimate {
  /** One estimate of trafilatura's pages/s here per peer that ran and has a reference rate. */
  byPeer: Record<string, number>;
  /** Median of byPeer (mean of the middle two for an even count); undefined when no peer gave one. */
  median: number | undefined;
  /** Our rate divided by the median: how many times trafilatura's estimated rate we are. */
  freshRatio: number | undefined;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The estimate from the peers' rates measured here (`rates`: peer name → pages/s) and our
 * rate measured in the same run. Peers without a reference rate, and rates that are not
 * positive finite numbers (a peer that failed), give no estimate.
 */
export function estimateTrafilatura(
  rates: Readonly<Record<string, number>>,
  ours: number,
  reference: Readonly<Record<string, number>> = REFERENCE_PAGES_PER_SECOND,
): TrafilaturaEstimate {
  const target = reference[TRAFILATURA];
  const byPeer: Record<string, number> = {};
  if (target !== undefined) {
    for (const [name, rate] of Object.entries(rates)) {
      const ref = reference[name];
      if (name === TRAFILATURA || ref === undefined || !(rate > 0) || !Number.isFinite(rate)) continue;
      byPeer[name] = target * (rate / ref);
    }
  }
  const m = median(Object.values(byPeer));
  return { byPeer, median: m, freshRatio: m === undefined ? undefined : ours / m };
}

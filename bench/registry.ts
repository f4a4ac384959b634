/** The benchmarks of `newsdigest bench <stage>`, each in its own module, loaded when asked for. */
import type { EvalTask } from '../src/eval/report.js';

/** A benchmark has the same shape as an evaluation: a table and one JSON line of figures. */
export type BenchTask = EvalTask;

export const BENCH_TASKS: Record<string, () => Promise<BenchTask>> = {
  text: async () => (await import('./text.js')).textBench,
  layout: async () => (await import('./layout.js')).layoutBench,
  summarize: async () => (await import('./summarize.js')).summarizeBench,
  entities: async () => (await import('./entities.js')).entitiesBench,
  quotes: async () => (await import('./quotes.js')).quotesBench,
  digest: async () => (await import('./digest.js')).digestBench,
};

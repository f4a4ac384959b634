/**
 * The evaluation tasks of `newsdigest eval <task>`. Each lives with the stage it
 * measures and is loaded only when asked for.
 */
import type { EvalTask } from './report.js';

export const EVAL_TASKS: Record<string, () => Promise<EvalTask>> = {
  sbd: async () => (await import('../text/eval-sbd.js')).sbdTask,
  extract: async () => (await import('../layout/eval-extract.js')).extractTask,
  rouge: async () => (await import('../summarize/eval-rouge.js')).rougeTask,
  summarize: async () => (await import('../summarize/eval-summarize.js')).summarizeTask,
  ner: async () => (await import('../entities/eval-ner.js')).nerTask,
  quotes: async () => (await import('../quotes/eval-quotes.js')).quotesTask,
};

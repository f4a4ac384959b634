/**
 * The stages in order, each declaring the layers it reads and writes (as spaCy's
 * `requires`/`assigns`), and the check that every layer is written before it is read.
 */
import type { Article, Layer } from './article/types.js';
import type { DigestOptions } from './digest-options.js';

export interface Stage {
  name: string;
  reads: readonly Layer[];
  writes: readonly Layer[];
  /** Pure: returns a new Article with its layers added; never changes `text`. */
  run(article: Article, options: DigestOptions): Article | Promise<Article>;
}

/** Throws when a stage reads a layer that no earlier stage (or ingest) writes. */
export function checkStageOrder(stages: readonly Stage[], given: readonly Layer[] = ['text']): void {
  const written = new Set<Layer>(given);
  for (const stage of stages) {
    for (const layer of stage.reads) {
      if (!written.has(layer)) {
        throw new Error(`stage "${stage.name}" reads layer "${layer}", which no earlier stage writes`);
      }
    }
    for (const layer of stage.writes) written.add(layer);
  }
}

export async function runStages(
  article: Article,
  stages: readonly Stage[],
  options: DigestOptions,
): Promise<Article> {
  let current = article;
  for (const stage of stages) {
    const next = await stage.run(current, options);
    if (next.text !== current.text) throw new Error(`stage "${stage.name}" changed Article.text`);
    current = next;
  }
  return current;
}

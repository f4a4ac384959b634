/**
 * The two halves of a stage-split pool's workers (stage-pool.ts), run by worker.ts when its
 * setup names a role.
 *
 * - A **head** runs the first stages (by default layout, text and entities) over each page of
 *   the chunks the pool sends it, in order, and hands each chunk's Articles (or each page's
 *   error) straight to the tail through its MessagePort; it tells the pool the chunk was handed.
 * - The **tail** (one) takes the chunks in the order the pool says (`expect`), whichever head
 *   digested them, runs the remaining stages, makes each page's store record and writes it,
 *   one transaction per batch, committed in input order (the only writer: no turn); without a
 *   database it answers each chunk with its records instead.
 *
 * Why: each V8 isolate compiles and warms only its own stages' code, so two threads spend no
 * more CPU than one where two whole-pipeline workers spend 19–41 % more (docs/RESULTS.md
 * (corpus-11), section 7; docs/DECISIONS.md (corpus-12)).
 */
import type { MessagePort } from 'node:worker_threads';
import type { Article } from '../article/types.js';
import { articleWithoutHtml, assertValidArticle, STAGES } from '../digest.js';
import type { DigestOptions } from '../digest-options.js';
import { pageToArticle } from '../ingest/page.js';
import { runStages, type Stage } from '../pipeline.js';
import { openStore } from '../store/sqlite-store.js';
import { type Job, type JobError, type JobResult, jobError, okResult, pageInputName } from './digest-job.js';
import { threadCpuMs } from './thread-cpu.js';
import type { FromWorker, WorkerCpu } from './worker.js';
import { BatchWriter } from './worker.js';

/** Where the pipeline is cut by default: after the entities stage (the control's cut, corpus-11). */
export const DEFAULT_CUT = STAGES.findIndex((s) => s.name === 'entities') + 1;

/** Test only: a page (by id) that hangs or kills the head or the tail, to prove the isolation. */
export interface StageFault {
  role: 'head' | 'tail';
  id: string;
  kind: 'hang' | 'crash';
}

/** A page as the head hands it to the tail: its Article after the first stages, or its error. */
export type HeadItem =
  | { seq: number; hash: string; input: string; article: Article }
  | { seq: number; hash: string; error: JobError };

/** Head → tail, through their MessagePort. */
export interface HandedChunk {
  chunk: number;
  items: HeadItem[];
}

/** Pool → head. */
export type ToHead =
  | { kind: 'chunk'; chunk: number; jobs: Job[] }
  | { kind: 'close' }
  | { kind: 'models'; quotesTagger?: unknown };

/** Pool → tail: the chunks in input order, each with its batch, and where batches end. */
export type ToTail =
  | { kind: 'expect'; chunk: number; batch: number; end?: number }
  | { kind: 'seal'; batch: number; end: number }
  | { kind: 'close' }
  | { kind: 'models'; quotesTagger?: unknown };

/** Head → pool. */
export type FromHead = { kind: 'handed'; chunk: number } | { kind: 'closed'; cpu?: WorkerCpu };

export interface StageSetup {
  role: 'head' | 'tail';
  options: DigestOptions;
  /** The first `cut` stages run on the head, the rest on the tail. */
  cut: number;
  /** The head's port to the tail; the tail's ports from each head. */
  ports: MessagePort[];
  /** The tail's database (none: it answers with records). */
  file?: string;
  /** The tail replaces articles already stored (StoreItem.replace). */
  replace?: boolean;
  busyTimeoutMs?: number;
  faults?: StageFault[];
}

function fault(faults: StageFault[] | undefined, role: 'head' | 'tail', id: string | undefined): void {
  if (!faults || id === undefined) return;
  for (const f of faults) {
    if (f.role !== role || f.id !== id) continue;
    if (f.kind === 'crash') process.exit(70);
    // A stage in a loop: the thread never answers again.
    for (;;) {
      // spin
    }
  }
}

/** CPU of this thread at its first chunk's start and end, for the pool's closed message. */
class CpuMarks {
  constructor(private readonly role: 'head' | 'tail') {}
  atFirst: number | undefined;
  afterFirst: number | undefined;
  begin(): boolean {
    if (this.atFirst !== undefined) return false;
    this.atFirst = threadCpuMs();
    return true;
  }
  end(): void {
    this.afterFirst = threadCpuMs();
  }
  closed(): { kind: 'closed'; cpu?: WorkerCpu } {
    const total = threadCpuMs();
    return total === undefined || this.atFirst === undefined || this.afterFirst === undefined
      ? { kind: 'closed' }
      : {
          kind: 'closed',
          cpu: {
            startMs: this.atFirst,
            firstChunkMs: this.afterFirst - this.atFirst,
            totalMs: total,
            role: this.role,
          },
        };
  }
}

export function runHead(parent: MessagePort, setup: StageSetup): (m: ToHead) => void {
  const stages: readonly Stage[] = STAGES.slice(0, setup.cut);
  const options = setup.options;
  const tail = setup.ports[0]!;
  const cpu = new CpuMarks('head');
  let done: Promise<void> = Promise.resolve();
  return (m) => {
    if (m.kind === 'models') return;
    if (m.kind === 'close') {
      done = done.then(() => {
        tail.close();
        parent.postMessage(cpu.closed() satisfies FromHead);
      });
      return;
    }
    done = done.then(async () => {
      const first = cpu.begin();
      const items: HeadItem[] = [];
      for (const job of m.jobs) {
        if ('error' in job) {
          items.push({ seq: job.seq, hash: job.hash, error: job.error });
          continue;
        }
        const input = pageInputName(job.page);
        fault(setup.faults, 'head', job.page.id);
        try {
          let article = await runStages(pageToArticle(job.page), stages, options);
          if (!options.keepHtml) article = articleWithoutHtml(article);
          items.push({ seq: job.seq, hash: job.hash, input, article });
        } catch (e) {
          items.push({ seq: job.seq, hash: job.hash, error: jobError(e, input) });
        }
      }
      if (first) cpu.end();
      tail.postMessage({ chunk: m.chunk, items } satisfies HandedChunk);
      parent.postMessage({ kind: 'handed', chunk: m.chunk } satisfies FromHead);
    });
  };
}

export function runTail(parent: MessagePort, setup: StageSetup): (m: ToTail) => void {
  const stages: readonly Stage[] = STAGES.slice(setup.cut);
  const options = setup.options;
  const post = (m: FromWorker) => parent.postMessage(m);
  const writer = setup.file
    ? new BatchWriter(
        // The pool's main thread checkpoints the log (runIngest), as for the article pool's workers.
        openStore(setup.file, { busyTimeoutMs: setup.busyTimeoutMs ?? 60_000, autoCheckpoint: false }),
        setup.file,
        post,
        undefined,
        setup.replace === true,
      )
    : undefined;
  const cpu = new CpuMarks('tail');
  /** Chunks in input order, as the pool sent them, not yet digested here. */
  const expected: { chunk: number; batch: number }[] = [];
  /** Chunks the heads handed over, by chunk number, until their turn here. */
  const inbox = new Map<number, HeadItem[]>();
  let running = false;
  let closing = false;
  let finished = false;

  const digest = async (items: HeadItem[]): Promise<JobResult[]> => {
    const results: JobResult[] = [];
    for (const item of items) {
      if ('error' in item) {
        results.push({ seq: item.seq, hash: item.hash, ok: false, error: item.error });
        continue;
      }
      fault(setup.faults, 'tail', item.article.id);
      try {
        const article = await runStages(item.article, stages, options);
        if (process.env['NEWSDIGEST_CHECK_ARTICLES'] === '1') await assertValidArticle(article);
        results.push(okResult(item.seq, item.hash, item.input, article));
      } catch (e) {
        results.push({ seq: item.seq, hash: item.hash, ok: false, error: jobError(e, item.input) });
      }
    }
    return results;
  };

  const finish = (): void => {
    if (finished) return;
    finished = true;
    writer?.close();
    post(cpu.closed());
  };

  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      while (!closing && expected.length > 0) {
        const next = expected[0]!;
        const items = inbox.get(next.chunk);
        if (!items) break;
        inbox.delete(next.chunk);
        const first = cpu.begin();
        const results = await digest(items);
        if (first) cpu.end();
        expected.shift();
        if (!writer) {
          post({ kind: 'results', chunk: next.chunk, results });
          continue;
        }
        writer.add(next.batch, next.chunk, results);
        post({ kind: 'digested', chunk: next.chunk });
        writer.settle(false);
      }
    } finally {
      running = false;
    }
    if (closing) finish();
  };

  for (const port of setup.ports) {
    port.on('message', (m: HandedChunk) => {
      inbox.set(m.chunk, m.items);
      void pump();
    });
  }

  return (m) => {
    if (m.kind === 'models') return;
    if (m.kind === 'close') {
      closing = true;
      for (const port of setup.ports) port.close();
      if (!running) finish();
      return;
    }
    if (m.kind === 'seal') {
      writer?.seal(m.batch, m.end);
      if (!running) writer?.settle(false);
      return;
    }
    writer?.received(m.batch);
    if (m.end !== undefined) writer?.seal(m.batch, m.end);
    expected.push({ chunk: m.chunk, batch: m.batch });
    void pump();
  };
}

import { BENCH_TASKS } from '../../../bench/registry.js';
import type { Command } from '../command.js';
import { runTask, TASK_FLAGS, taskOptionsHelp } from '../run-task.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'time a stage and its peers side by side on one core',
  usage:
    'newsdigest bench <stage> [--data PATH] [--limit N] [--peers NAMES] [--workers N[,M…]] [--split stage|article] [--fresh-runs N]',
  help: `Times one of our stages and the tools a user would otherwise pick, on the same
input in the same run (one core; peers from ../shared/peers/bin or $NEWSDIGEST_PEERS_BIN,
installed by ../shared/peers/setup), and prints rates, MB/s and the ratio, then one JSON line.

Stages: ${Object.keys(BENCH_TASKS).join(', ')} (each one's options below)

Examples:
  newsdigest bench text --data ../shared/data/cnndm/test.jsonl.gz --limit 2000
  newsdigest bench layout --data ../shared/data/extraction
  newsdigest bench digest --data ../shared/data/bbc-news-summary/bbc-news-summary.jsonl --workers 1,2`,
  moreHelp: () => taskOptionsHelp('bench', BENCH_TASKS),
  flags: TASK_FLAGS,
  run: (ctx) => runTask('bench', BENCH_TASKS, ctx),
};

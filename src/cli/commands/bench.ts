import { BENCH_TASKS } from '../../../bench/registry.js';
import type { Command } from '../command.js';
import { runTask, TASK_FLAGS } from '../run-task.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'time a stage and its peers side by side on one core',
  usage: 'newsdigest bench <stage> [--data PATH] [--limit N] [--peers DIR]',
  help: `Times one of our stages and the tools a user would otherwise pick, on the same
input in the same run (one core; peers from ../shared/peers/bin or $NEWSDIGEST_PEERS_BIN,
installed by ../shared/peers/setup), and prints rates, MB/s and the ratio, then one JSON line.

Stages: ${Object.keys(BENCH_TASKS).join(', ')}

Examples:
  newsdigest bench text --data ../shared/data/cnndm/test.jsonl.gz --limit 2000
  newsdigest bench layout --data ../shared/data/extraction
  newsdigest bench digest --data ../shared/data/bbc-news-summary/bbc-news-summary.jsonl`,
  flags: TASK_FLAGS,
  run: (ctx) => runTask('bench', BENCH_TASKS, ctx),
};

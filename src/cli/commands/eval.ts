import { EVAL_TASKS } from '../../eval/tasks.js';
import type { Command } from '../command.js';
import { runTask, TASK_FLAGS, taskOptionsHelp } from '../run-task.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'measure a stage against gold data (table, then one JSON line)',
  usage:
    'newsdigest eval <task> [--data PATH] [--limit N] [--method M] [--split S] [--peers P] [--model DIR] [--window N] [--predictions FILE]',
  help: `Scores one stage on a data set and prints a readable table, then, as the last
line, one JSON object of the figures. The data path is an argument: the same
command runs on any file of the same format. Without --data, each task reads its
usual file under the data folder ($NEWSDIGEST_DATA, default ../shared/data).

Tasks: ${Object.keys(EVAL_TASKS).join(', ')} (each one's options below)

Examples:
  newsdigest eval sbd --data ../shared/data/sbd/golden-rules-en.json
  newsdigest eval sbd --data ../shared/data/ud-english/en_gum-ud-dev.conllu --peers sbd,wink
  newsdigest eval rouge --data ../shared/rouge-vectors/cases.jsonl
  newsdigest eval summarize --data ../shared/data/cnndm/test.jsonl.gz --method lead3 --limit 500
  newsdigest eval extract --data ../shared/data/extraction
  newsdigest eval extract --data ../shared/data/extraction --method text   (the text-dump path)
  newsdigest eval extract --data ../shared/data/extraction --peers ../shared/data/extraction/baseline-outputs/trafilatura.jsonl
  newsdigest eval ner --data ../shared/data/conll2003/eng.testa
  newsdigest eval ner --data test/fixtures/entities/merge.jsonl   (mention merging, B-cubed)
  newsdigest eval quotes --data ../shared/data/quotes-polnear/polnear.jsonl --split dev
  newsdigest eval quotes --data gold.jsonl --predictions theirs.jsonl   (score another tool's attributions)`,
  moreHelp: () => taskOptionsHelp('eval', EVAL_TASKS),
  flags: TASK_FLAGS,
  run: (ctx) => runTask('eval', EVAL_TASKS, ctx),
};

import { NewsdigestError } from '../errors.js';
import type { EvalTask } from '../eval/report.js';

export const nerTask: EvalTask = {
  name: 'ner',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'ner', 'this evaluation is not implemented yet');
  },
};

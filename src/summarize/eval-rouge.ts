import { NewsdigestError } from '../errors.js';
import type { EvalTask } from '../eval/report.js';

export const rougeTask: EvalTask = {
  name: 'rouge',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'rouge', 'this evaluation is not implemented yet');
  },
};

import { NewsdigestError } from '../errors.js';
import type { EvalTask } from '../eval/report.js';

export const summarizeTask: EvalTask = {
  name: 'summarize',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'summarize', 'this evaluation is not implemented yet');
  },
};

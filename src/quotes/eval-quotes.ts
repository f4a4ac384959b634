import { NewsdigestError } from '../errors.js';
import type { EvalTask } from '../eval/report.js';

export const quotesTask: EvalTask = {
  name: 'quotes',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'quotes', 'this evaluation is not implemented yet');
  },
};

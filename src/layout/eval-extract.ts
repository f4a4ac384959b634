import { NewsdigestError } from '../errors.js';
import type { EvalTask } from '../eval/report.js';

export const extractTask: EvalTask = {
  name: 'extract',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'extract', 'this evaluation is not implemented yet');
  },
};

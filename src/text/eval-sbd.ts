import { NewsdigestError } from '../errors.js';
import type { EvalTask } from '../eval/report.js';

export const sbdTask: EvalTask = {
  name: 'sbd',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'sbd', 'this evaluation is not implemented yet');
  },
};

import { NewsdigestError } from '../src/errors.js';
import type { BenchTask } from './registry.js';

export const summarizeBench: BenchTask = {
  name: 'summarize',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'summarize', 'this benchmark is not implemented yet');
  },
};

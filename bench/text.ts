import { NewsdigestError } from '../src/errors.js';
import type { BenchTask } from './registry.js';

export const textBench: BenchTask = {
  name: 'text',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'text', 'this benchmark is not implemented yet');
  },
};

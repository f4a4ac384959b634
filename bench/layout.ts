import { NewsdigestError } from '../src/errors.js';
import type { BenchTask } from './registry.js';

export const layoutBench: BenchTask = {
  name: 'layout',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'layout', 'this benchmark is not implemented yet');
  },
};

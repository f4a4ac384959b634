import { NewsdigestError } from '../src/errors.js';
import type { BenchTask } from './registry.js';

export const quotesBench: BenchTask = {
  name: 'quotes',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'quotes', 'this benchmark is not implemented yet');
  },
};

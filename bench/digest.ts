import { NewsdigestError } from '../src/errors.js';
import type { BenchTask } from './registry.js';

export const digestBench: BenchTask = {
  name: 'digest',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'digest', 'this benchmark is not implemented yet');
  },
};

import { NewsdigestError } from '../src/errors.js';
import type { BenchTask } from './registry.js';

export const entitiesBench: BenchTask = {
  name: 'entities',
  summary: 'not implemented yet',
  defaultData: '',
  async run() {
    throw new NewsdigestError('E_BAD_OPTION', 'entities', 'this benchmark is not implemented yet');
  },
};

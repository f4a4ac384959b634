/** The NewsdigestError a call throws, or undefined when it returns; any other error is thrown on. */
import { NewsdigestError } from '../../src/errors.js';

export function errorOf(run: () => unknown): NewsdigestError | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof NewsdigestError) return e;
    throw e;
  }
  return undefined;
}

/** Every command of the CLI. Each is a thin shell over the library. */
import type { Command } from './command.js';
import { benchCommand } from './commands/bench.js';
import { digestCommand } from './commands/digest.js';
import { evalCommand } from './commands/eval.js';
import { ingestCommand } from './commands/ingest.js';
import { schemaCommand } from './commands/schema.js';
import { searchCommand } from './commands/search.js';
import { serveCommand } from './commands/serve.js';

export const COMMANDS: readonly Command[] = [
  digestCommand,
  ingestCommand,
  searchCommand,
  serveCommand,
  schemaCommand,
  evalCommand,
  benchCommand,
];

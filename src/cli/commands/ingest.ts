import { type Command, EXIT } from '../command.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'not implemented yet',
  usage: 'newsdigest ingest',
  help: 'Not implemented yet.\n\nExamples:\n  newsdigest ingest --help',
  flags: {},
  async run(ctx) {
    ctx.stderr.write('ingest: not implemented yet\n');
    return EXIT.usage;
  },
};

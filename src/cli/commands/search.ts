import { type Command, EXIT } from '../command.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'not implemented yet',
  usage: 'newsdigest search',
  help: 'Not implemented yet.\n\nExamples:\n  newsdigest search --help',
  flags: {},
  async run(ctx) {
    ctx.stderr.write('search: not implemented yet\n');
    return EXIT.usage;
  },
};

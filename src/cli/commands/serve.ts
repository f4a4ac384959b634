import { type Command, EXIT } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'not implemented yet',
  usage: 'newsdigest serve',
  help: 'Not implemented yet.\n\nExamples:\n  newsdigest serve --help',
  flags: {},
  async run(ctx) {
    ctx.stderr.write('serve: not implemented yet\n');
    return EXIT.usage;
  },
};

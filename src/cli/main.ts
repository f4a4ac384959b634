#!/usr/bin/env node
/** The `newsdigest` command: parses the command line and hands over to one command. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isNewsdigestError } from '../errors.js';
import { VERSION } from '../version.js';
import { type Command, type CommandContext, EXIT } from './command.js';
import { COMMANDS } from './commands.js';

const COMMON_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
} as const;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `newsdigest ${VERSION}: news pages in, clean, structured, summarised and attributable records out.

Usage: newsdigest <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "newsdigest <command> --help" for a command's options and examples.

Examples:
  newsdigest digest examples/harbour-bridge.txt --format md
  newsdigest eval sbd --data ../shared/data/sbd/golden-rules-en.json
`;
}

function commandHelp(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.summary}.\n\n${c.help}\n`;
}

export async function main(
  argv: string[],
  io: Pick<CommandContext, 'stdout' | 'stderr' | 'stdin'> = process,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(
      `newsdigest: unknown command "${name}"; expecting one of ${COMMANDS.map((c) => c.name).join(', ')}\n`,
    );
    return EXIT.usage;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...COMMON_FLAGS, ...command.flags },
      allowPositionals: true,
    });
  } catch (e) {
    io.stderr.write(`newsdigest ${name}: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  const values = parsed.values as CommandContext['values'];
  if (values['help']) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  const stderrIsTty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  const ctx: CommandContext = {
    args: parsed.positionals,
    values,
    ...io,
    interactive: stderrIsTty && !values['quiet'],
  };
  try {
    return await command.run(ctx);
  } catch (e) {
    if (isNewsdigestError(e)) io.stderr.write(`${e.toString()}\n`);
    else io.stderr.write(`newsdigest ${name}: ${(e as Error)?.message ?? String(e)}\n`);
    if (values['debug'] && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    return EXIT.someFailed;
  }
}

// Run when executed as the `newsdigest` binary (not when imported by tests).
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`newsdigest: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = EXIT.someFailed;
    },
  );
}

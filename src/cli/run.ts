/**
 * The `newsdigest` command line: parses it and hands over to one command. main.ts (the
 * binary) loads this module, or the bundle built from it (dist/cli/newsdigest.js).
 */
import { parseArgs } from 'node:util';
import { isNewsdigestError } from '../errors.js';
import { VERSION } from '../version.js';
import { type Command, type CommandContext, EXIT, type Flags } from './command.js';
import { stdoutErrorLine, watchOutput } from './output.js';

/** Every command (for the help and for an unknown name): loads every command's module and what it imports. */
async function allCommands(): Promise<readonly Command[]> {
  return (await import('./commands.js')).COMMANDS;
}

/**
 * Each command's own module, so that a fresh `newsdigest eval extract` loads that
 * command and what it needs, not the server, the store or the other stages.
 * commands.ts stays the one full list: a name missing here is found there.
 */
const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  digest: async () => (await import('./commands/digest.js')).digestCommand,
  ingest: async () => (await import('./commands/ingest.js')).ingestCommand,
  search: async () => (await import('./commands/search.js')).searchCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
  eval: async () => (await import('./commands/eval.js')).evalCommand,
  bench: async () => (await import('./commands/bench.js')).benchCommand,
};

async function findCommand(name: string): Promise<Command | undefined> {
  const load = Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  const command = load ? await load() : undefined;
  if (command?.name === name) return command;
  return (await allCommands()).find((c) => c.name === name);
}

const COMMON_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
} as const;

function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `newsdigest ${VERSION}: news pages in, clean, structured, summarised and attributable records out.

Usage: newsdigest <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "newsdigest <command> --help" for a command's options and examples.

Examples:
  newsdigest digest examples/harbour-bridge.txt --format md
  newsdigest eval sbd --data ../shared/data/sbd/golden-rules-en.json
`;
}

async function commandHelp(c: Command): Promise<string> {
  const more = c.moreHelp ? `\n${await c.moreHelp()}` : '';
  return `Usage: ${c.usage}\n\n${c.summary}.\n\n${c.help}\n${more}`;
}

/**
 * parseArgs's message in our words: its own for an unknown option quotes "--frob" in a nested
 * pair that it never closes, and suggests `--` where a typo is far likelier.
 */
export function parseErrorMessage(e: Error & { code?: string }, command: string): string {
  const option = /^Unknown option '([^']*)'/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    return `unknown option ${option}; see newsdigest ${command} --help (an input whose name starts with "-" goes after --)`;
  }
  return e.message;
}

/** A number written with a minus sign: "-1", "-0.5", "-.5", "-1e3". */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/**
 * The arguments with a negative number given to a string option joined to it (`--workers -1`
 * becomes `--workers=-1`, `-n -5` becomes `--limit=-5`). parseArgs refuses a value that starts
 * with "-" as ambiguous and asks for `--workers=-XYZ`; joined, the command checks the value and
 * says what it expects, as for any other bad number. Only where parseArgs would refuse anyway:
 * a string option's own argument, before `--`.
 */
export function joinNegativeValues(args: readonly string[], options: Flags): string[] {
  const byShort = new Map<string, string>();
  for (const [long, o] of Object.entries(options)) if (o.short) byShort.set(o.short, long);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const long = arg.startsWith('--') ? arg.slice(2) : /^-[^-]$/.test(arg) ? byShort.get(arg[1]!) : undefined;
    const next = args[i + 1];
    if (
      long !== undefined &&
      Object.hasOwn(options, long) &&
      options[long]!.type === 'string' &&
      next !== undefined &&
      NEGATIVE_NUMBER.test(next)
    ) {
      out.push(`--${long}=${next}`);
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

export async function main(
  argv: string[],
  io: Pick<CommandContext, 'stdout' | 'stderr' | 'stdin'> = process,
): Promise<number> {
  const [name, ...rest] = argv;
  const output = watchOutput(io.stdout, io.stderr);
  const code = await runCommand(name, rest, io, output.gone);
  await output.settle();
  const failure = output.failure();
  if (failure) {
    io.stderr.write(stdoutErrorLine(name ?? 'help', failure));
    return EXIT.someFailed;
  }
  // A closed pipe (`| head`) is no failure: the reader took what it wanted.
  return code;
}

async function runCommand(
  name: string | undefined,
  rest: string[],
  io: Pick<CommandContext, 'stdout' | 'stderr' | 'stdin'>,
  stdoutGone: () => boolean,
): Promise<number> {
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp(await allCommands()));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = await findCommand(name);
  if (!command) {
    const names = (await allCommands()).map((c) => c.name);
    io.stderr.write(`newsdigest: unknown command "${name}"; expecting one of ${names.join(', ')}\n`);
    return EXIT.usage;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = { ...COMMON_FLAGS, ...command.flags };
    parsed = parseArgs({
      args: joinNegativeValues(rest, options),
      options,
      allowPositionals: true,
    });
  } catch (e) {
    io.stderr.write(`newsdigest ${name}: ${parseErrorMessage(e as Error & { code?: string }, name)}\n`);
    return EXIT.usage;
  }
  const values = parsed.values as CommandContext['values'];
  if (values['help']) {
    io.stdout.write(await commandHelp(command));
    return EXIT.ok;
  }
  const stderrIsTty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  const ctx: CommandContext = {
    args: parsed.positionals,
    values,
    ...io,
    interactive: stderrIsTty && !values['quiet'],
    stdoutGone,
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

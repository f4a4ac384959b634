/** What a CLI command is: its help text, its flags, and a function from parsed flags to an exit code. */
import type { ParseArgsConfig } from 'node:util';

export type Flags = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** True when progress may be drawn: stderr is a terminal and --quiet was not given. */
  interactive: boolean;
  /**
   * True once standard output can take no more (its reader closed the pipe, or a write failed):
   * a batch stops there. The command line (run.ts) reports it after the command returns.
   * Absent: never.
   */
  stdoutGone?: () => boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Longer description and examples, shown by `newsdigest <command> --help`. */
  help: string;
  /** More help, made when asked for (e.g. from modules loaded only then): appended to `help`. */
  moreHelp?: () => Promise<string>;
  flags: Flags;
  run(ctx: CommandContext): Promise<number>;
}

/** Exit codes: 0 all went well, 1 some inputs failed (the rest were done), 2 bad usage. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

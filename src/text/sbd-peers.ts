/**
 * Where to run a peer's sentence splitter (`sbd-<name>` in ../shared/peers/bin).
 * The wrappers sbd-sbd, sbd-wink, ... are meant to be symbolic links to one
 * script, sbd-js, which picks the tool by the name it runs as; where a copy has
 * turned those links into small text files naming the target, we run the target
 * through a real link made in the temp folder, so that it still sees its name.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { peersBinDir } from '../eval/peers.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** An absolute path that runs peer `sbd-<name>`, or undefined when it is not installed. */
export function sbdPeerPath(name: string): string | undefined {
  const bin = peersBinDir();
  const wrapper = resolve(bin, `sbd-${name}`);
  if (!existsSync(wrapper)) return undefined;
  if (executable(wrapper)) return wrapper;
  const stat = statSync(wrapper);
  if (!stat.isFile() || stat.size > 200) return undefined;
  const target = resolve(bin, readFileSync(wrapper, 'utf8').trim());
  if (!executable(target)) return undefined;
  const dir = join(tmpdir(), `newsdigest-peer-links-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true });
  const link = join(dir, `sbd-${name}`);
  rmSync(link, { force: true });
  symlinkSync(target, link);
  return link;
}

/**
 * A command that runs `path` under GNU time (/usr/bin/time), so that the CPU
 * seconds (user + system) the peer spent can be read after it exits: on a shared
 * machine wall time also counts the time a process waits for a core. Undefined
 * when /usr/bin/time is not there.
 */
export function cpuTimedCommand(
  path: string,
  label: string,
): { command: string; cpuSeconds(): number | undefined } | undefined {
  if (!executable('/usr/bin/time')) return undefined;
  const dir = join(tmpdir(), `newsdigest-peer-links-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${label}.cpu`);
  const command = join(dir, `${label}.timed.sh`);
  writeFileSync(command, `#!/bin/sh\nexec /usr/bin/time -q -f '%U %S' -o '${out}' '${path}' "$@"\n`, {
    mode: 0o755,
  });
  return {
    command,
    cpuSeconds() {
      try {
        const [user, system] = readFileSync(out, 'utf8').trim().split(/\s+/).map(Number);
        return user !== undefined && system !== undefined && Number.isFinite(user + system)
          ? user + system
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function findVersion(): string {
  // dist/src/version.js and src/version.ts sit at different depths below package.json.
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(rel) as { name?: string; version?: string };
      if (pkg.name === 'newsdigest' && pkg.version) return pkg.version;
    } catch {}
  }
  return '0.0.0';
}

export const VERSION = findVersion();

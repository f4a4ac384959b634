import { writeFileSync } from 'node:fs';
import { articleJsonSchema } from '../../article/json-schema.js';
import { type Command, EXIT } from '../command.js';
import { problem } from '../out-file.js';

export const schemaCommand: Command = {
  name: 'schema',
  summary: "print the Article's JSON Schema",
  usage: 'newsdigest schema [--out FILE]',
  help: `The JSON Schema of the Article, generated from the schema that validates it at run time.

Examples:
  newsdigest schema > article.schema.json
  newsdigest schema --out dist/article.schema.json`,
  flags: { out: { type: 'string', short: 'o' } },
  async run(ctx) {
    const json = `${JSON.stringify(articleJsonSchema(), null, 2)}\n`;
    const out = ctx.values['out'];
    if (typeof out !== 'string') {
      ctx.stdout.write(json);
      return EXIT.ok;
    }
    try {
      writeFileSync(out, json);
    } catch (e) {
      ctx.stderr.write(`schema: --out ${out}: cannot be written (${problem(e, out)})\n`);
      return EXIT.someFailed;
    }
    return EXIT.ok;
  },
};

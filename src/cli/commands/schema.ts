import { writeFileSync } from 'node:fs';
import { articleJsonSchema } from '../../article/json-schema.js';
import { type Command, EXIT } from '../command.js';

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
    if (typeof ctx.values['out'] === 'string') writeFileSync(ctx.values['out'], json);
    else ctx.stdout.write(json);
    return EXIT.ok;
  },
};

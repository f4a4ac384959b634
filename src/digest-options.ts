import type { BlockKind } from './article/types.js';
import type { EntitiesOptions } from './entities/options.js';
import { NewsdigestError } from './errors.js';
import type { LayoutOptions } from './layout/options.js';
import type { QuotesOptions } from './quotes/options.js';
import { parseMethod } from './summarize/extract.js';
import type { LlmOptions, SummarizeOptions } from './summarize/options.js';
import { HIGHLIGHTS_MODES } from './summarize/options.js';
import type { TextOptions } from './text/options.js';

/** Options of the language check (article/language.ts), part of DigestOptions as `options.language`. */
export interface LanguageOptions {
  /**
   * Skip the check: no W_NOT_ENGLISH warning, and the English-only stages (entities, quotes) run
   * on every page, whatever its language.
   */
  skip?: boolean;
}

/** Options of `digest()`: one section per stage, each owned by that stage. */
export interface DigestOptions {
  /** Keep the page's HTML in `source.html` of the result (dropped by default: it is large). */
  keepHtml?: boolean;
  layout?: LayoutOptions;
  text?: TextOptions;
  language?: LanguageOptions;
  summarize?: SummarizeOptions;
  entities?: EntitiesOptions;
  quotes?: QuotesOptions;
}

/** A section whose stage is not skipped (`skip` absent or false). */
type Run<T extends { skip?: boolean }> = T & { skip?: false };

/**
 * DigestOptions that skip no stage which writes a layer: `digest()` given these returns every
 * layer (a `DigestedArticle`). Skipping the language check does not drop a layer.
 */
export interface FullDigestOptions extends DigestOptions {
  layout?: Run<LayoutOptions>;
  text?: Run<TextOptions>;
  summarize?: Run<SummarizeOptions>;
  entities?: Run<EntitiesOptions>;
  quotes?: Run<QuotesOptions>;
}

/** Checks one value at `path` ("summarize.method"); throws E_BAD_OPTION when it is wrong. */
type Check = (value: unknown, path: string) => void;

function bad(path: string, what: string): NewsdigestError {
  return new NewsdigestError('E_BAD_OPTION', 'options', `${path}: ${what}`);
}

/** How a value reads in a message: strings quoted, objects named by their kind. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

const bool: Check = (value, path) => {
  if (typeof value !== 'boolean')
    throw bad(path, `expecting true or false, instead found ${describeValue(value)}`);
};

const string: Check = (value, path) => {
  if (typeof value !== 'string') throw bad(path, `expecting a string, instead found ${describeValue(value)}`);
};

function oneOf(values: readonly unknown[]): Check {
  const list = values.map((v) => (typeof v === 'string' ? v : String(v))).join(', ');
  return (value, path) => {
    if (!values.includes(value)) {
      throw bad(path, `expecting one of ${list}, instead found ${describeValue(value)}`);
    }
  };
}

function number(opts: { integer?: boolean; min: number; above?: boolean }): Check {
  const what = `${opts.integer ? 'an integer' : 'a number'} ${opts.above ? 'above' : 'of at least'} ${opts.min}`;
  return (value, path) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!opts.integer || Number.isInteger(value)) &&
      (opts.above ? value > opts.min : value >= opts.min);
    if (!ok) throw bad(path, `expecting ${what}, instead found ${describeValue(value)}`);
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A section of options: a plain object whose every key is one of `fields`, each checked.
 * `fields` names every key of `T` (the mapped type makes a key added to T and not here a type
 * error), so the check cannot fall behind the options' types.
 */
function section<T>(fields: { [K in keyof Required<T>]: Check }): Check {
  const known = Object.keys(fields);
  return (value, path) => {
    if (!isPlainObject(value)) throw bad(path, `expecting an object, instead found ${describeValue(value)}`);
    for (const key of Object.keys(value)) {
      const check = (fields as Record<string, Check>)[key];
      const at = path ? `${path}.${key}` : key;
      if (!check) throw bad(at, `unknown option (expecting ${known.join(', ')})`);
      // An absent value and one set to undefined mean the same: the default.
      if (value[key] !== undefined) check(value[key], at);
    }
  };
}

const BLOCK_KIND_NAMES: { [K in BlockKind]: true } = {
  title: true,
  caption: true,
  highlight: true,
  dateline: true,
  byline: true,
  subheading: true,
  paragraph: true,
  list: true,
  table: true,
  blockquote: true,
  related: true,
  credit: true,
  boilerplate: true,
};
const blockKind = oneOf(Object.keys(BLOCK_KIND_NAMES));

const blockKinds: Check = (value, path) => {
  if (!Array.isArray(value))
    throw bad(path, `expecting an array of block kinds, instead found ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) blockKind(value[i], `${path}[${i}]`);
};

/** The summarizer's own parser, so that the library and the CLI's --method accept the same names. */
const method: Check = (value, path) => {
  try {
    parseMethod(value, path);
  } catch (e) {
    throw bad(path, (e as Error).message);
  }
};

const OPTIONS = section<DigestOptions>({
  keepHtml: bool,
  layout: section<LayoutOptions>({ skip: bool, textModel: bool }),
  text: section<TextOptions>({
    skip: bool,
    blockKinds,
    lowercase: oneOf([true, false, 'auto']),
  }),
  language: section<LanguageOptions>({ skip: bool }),
  summarize: section<SummarizeOptions>({
    skip: bool,
    highlights: oneOf(HIGHLIGHTS_MODES),
    method,
    llm: section<LlmOptions>({
      baseUrl: string,
      model: string,
      apiKey: string,
      timeoutMs: number({ min: 0, above: true }),
      retries: number({ integer: true, min: 0 }),
      backoffMs: number({ min: 0 }),
      maxInputChars: number({ integer: true, min: 0, above: true }),
    }),
  }),
  entities: section<EntitiesOptions>({ skip: bool }),
  quotes: section<QuotesOptions>({
    skip: bool,
    cues: oneOf(['rules', 'tagger']),
    rescore: bool,
  }),
});

/**
 * Checks the options of `digest()` as a caller gave them (from JavaScript, JSON, a config file):
 * every key known, every value of its type and range. Returns them typed; throws a
 * NewsdigestError E_BAD_OPTION whose input is "options" and whose message names the option and
 * what is wrong ("summarize.method: expecting one of model, lead3, textrank, lexrank, instead
 * found \"bogus\""). `undefined` and `null`-free absent keys are the defaults.
 */
export function checkDigestOptions(options: unknown): DigestOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) {
    throw new NewsdigestError(
      'E_BAD_OPTION',
      'options',
      `expecting an object of options ({ summarize: { method: 'lead3' } } …), instead found ${describeValue(options)}`,
    );
  }
  OPTIONS(options, '');
  return options as DigestOptions;
}

import type { EntitiesOptions } from './entities/options.js';
import type { LayoutOptions } from './layout/options.js';
import type { QuotesOptions } from './quotes/options.js';
import type { SummarizeOptions } from './summarize/options.js';
import type { TextOptions } from './text/options.js';

/** Options of `digest()`: one section per stage, each owned by that stage. */
export interface DigestOptions {
  /** Keep the page's HTML in `source.html` of the result (dropped by default: it is large). */
  keepHtml?: boolean;
  layout?: LayoutOptions;
  text?: TextOptions;
  summarize?: SummarizeOptions;
  entities?: EntitiesOptions;
  quotes?: QuotesOptions;
}

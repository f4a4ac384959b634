/**
 * The HTML layout path of `newsdigest digest` (read the pages, make each an Article, lay it
 * out), as one module that `bench layout` loads in its fresh process. The build makes it an
 * entry of the CLI's bundle (dist/cli/layout-path.js), so that process loads the same bundled
 * files a user's `digest` does; without a bundle it is tsc's module beside the CLI's.
 */
export { pageToArticle } from '../ingest/page.js';
export { readPages } from '../ingest/read.js';
export { layoutStage } from '../layout/index.js';

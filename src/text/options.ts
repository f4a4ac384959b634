/** Options of the text stage (part of DigestOptions as `options.text`). */
import type { BlockKind } from '../article/types.js';

export interface TextOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
  /**
   * The kinds of block whose sentences make the `sentences` layer, when the
   * layout stage has found blocks. Default: BODY_BLOCK_KINDS (title and body).
   */
  blockKinds?: readonly BlockKind[];
  /**
   * Whether the text is lower-cased throughout, so capitals cannot mark
   * sentence starts. Default 'auto': decided once from the whole text.
   */
  lowercase?: boolean | 'auto';
}

/**
 * The title and the body (subheadings, paragraphs, lists, tables, blockquotes):
 * what a reader reads as the story. Captions, highlights, datelines, bylines,
 * related links, credits and boilerplate are page furniture and get no sentences.
 */
export const BODY_BLOCK_KINDS: readonly BlockKind[] = [
  'title',
  'subheading',
  'paragraph',
  'list',
  'table',
  'blockquote',
];

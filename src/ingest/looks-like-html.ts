/**
 * Whether a string given as "the page" is HTML. Its own module: readers (read.ts) and
 * adapters ask it of every input without loading the HTML renderer that page.ts needs,
 * which a process that only reads (the batch's reading thread) never runs.
 */

const HTML_START = /^\s*(?:<!doctype html|<html|<head|<body|<!--|<meta|<div|<p[\s>]|<article)/i;

/** True when a string given as "the page" is HTML rather than plain text. */
export function looksLikeHtml(content: string): boolean {
  return HTML_START.test(content.slice(0, 1024));
}

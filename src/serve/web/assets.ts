/**
 * The web page's only script and style sheet, served from /static so that the
 * Content-Security-Policy can forbid every inline script and style. The script
 * adds behaviour only (layer toggles, the details panel); the pages work without it.
 */

export const APP_JS = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  var main = document.querySelector('main.article');
  if (!main) return;
  document.querySelectorAll('input[data-layer]').forEach(function (box) {
    box.addEventListener('change', function () {
      main.classList.toggle('hide-' + box.getAttribute('data-layer'), !box.checked);
    });
  });
  function clear() {
    main.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    document.querySelectorAll('#details .panel').forEach(function (p) { p.hidden = true; });
  }
  function show(attr, value, panelId) {
    clear();
    main.querySelectorAll('[' + attr + ']').forEach(function (el) {
      if (el.getAttribute(attr) === value) el.classList.add('active');
    });
    var panel = document.getElementById(panelId);
    if (panel) panel.hidden = false;
    var hint = document.getElementById('details-hint');
    if (hint) hint.hidden = true;
  }
  main.addEventListener('click', function (ev) {
    var target = ev.target;
    if (!(target instanceof Element)) return;
    var entity = main.classList.contains('hide-entities') ? null : target.closest('[data-entity]');
    var quote = main.classList.contains('hide-quotes') ? null : target.closest('[data-quote]');
    if (entity && main.contains(entity)) {
      var id = entity.getAttribute('data-entity');
      show('data-entity', id, 'entity-' + id);
    } else if (quote && main.contains(quote)) {
      var q = quote.getAttribute('data-quote');
      show('data-quote', q, 'quote-' + q);
    }
  });
});
`;

export const APP_CSS = `
:root { --ink: #1d232b; --muted: #5d6875; --line: #d9dee4; --accent: #0b5cad; --paper: #fbfbf9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--paper); }
header.top { display: flex; gap: 1.5rem; align-items: baseline; padding: .8rem 1.5rem; border-bottom: 1px solid var(--line); background: #fff; }
header.top .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
header.top nav a { margin-right: 1rem; color: var(--accent); text-decoration: none; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 1.2rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .2rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
a { color: var(--accent); }
.muted, .meta { color: var(--muted); font-size: .9rem; }
form.search { display: grid; grid-template-columns: repeat(6, 1fr); gap: .5rem; margin: .5rem 0 1rem; }
form.search label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
form.search label.q { grid-column: 1 / span 6; }
form.search input, form.search select { font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
form.search button { grid-column: 6; padding: .45rem; font: inherit; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
ol.hits { list-style: none; padding: 0; }
ol.hits li { padding: .7rem 0; border-bottom: 1px solid var(--line); }
ol.hits ul { list-style: none; padding-left: 1rem; }
ol.hits ul li { border: 0; padding: .25rem 0; }
ol.hits .title { font-weight: 600; font-size: 1.05rem; }
.snippet { margin: .2rem 0 0; }
mark { background: #ffe58a; padding: 0 .1em; }
.error { padding: .6rem .8rem; border: 1px solid #e0a2a2; background: #fff1f1; border-radius: 4px; }
.pager { margin-top: 1rem; }
main.article { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 2rem; }
.toolbar { grid-column: 1 / span 2; display: flex; gap: 1.2rem; font-size: .9rem; color: var(--muted); }
.text .block { margin: 0 0 .9rem; position: relative; }
.text .b-title { font-size: 1.5rem; font-weight: 700; line-height: 1.25; }
.text .kind { display: none; }
main.article:not(.hide-blocks) .text .block { border-left: 3px solid var(--line); padding-left: .6rem; }
main.article:not(.hide-blocks) .text .kind { display: inline-block; font-size: .7rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-right: .4rem; }
main.article:not(.hide-blocks) .b-boilerplate, main.article:not(.hide-blocks) .b-related, main.article:not(.hide-blocks) .b-caption { opacity: .6; }
.ent { border-bottom: 2px solid #7aa7d6; cursor: pointer; }
.ent-PER { background: #e5f0fb; } .ent-ORG { background: #efe8fb; } .ent-LOC { background: #e6f6ea; } .ent-MISC { background: #f6f0e2; }
.qt { background: #fff6d6; cursor: pointer; }
.cue { font-style: italic; text-decoration: underline dotted; }
.spk { outline: 1px dashed #c89b2c; }
.active { outline: 2px solid #d9480f; }
main.hide-entities .ent { background: none; border-bottom: 0; cursor: auto; }
main.hide-quotes .qt, main.hide-quotes .cue, main.hide-quotes .spk { background: none; font-style: normal; text-decoration: none; outline: 0; cursor: auto; }
main.hide-quotes .ent.qt { background: #e5f0fb; }
aside#details { position: sticky; top: 1rem; align-self: start; border: 1px solid var(--line); border-radius: 6px; background: #fff; padding: .8rem 1rem; }
aside#details h3 { margin: 0 0 .4rem; font-size: 1rem; }
.lists ul { padding-left: 1.1rem; }
.tag { display: inline-block; font-size: .72rem; padding: 0 .35rem; border-radius: 3px; background: #eef1f4; color: var(--muted); margin-left: .3rem; }
blockquote.quote { margin: .3rem 0; padding-left: .7rem; border-left: 3px solid #e8c65a; }
table.facts td { padding: .1rem .8rem .1rem 0; vertical-align: top; }
`;

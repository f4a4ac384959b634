/**
 * Where layout-path's module is for the CLI that is running: this module sits beside it in
 * both layouts (dist/src/cli/ for tsc's modules; dist/cli/ for the bundle, whose chunks all
 * sit in one folder), so the same relative address finds the right one. Kept apart from
 * layout-path.ts so that naming the address does not load the layout.
 */
export function layoutPathUrl(): string {
  return new URL('./layout-path.js', import.meta.url).href;
}

/**
 * The binary's module (dist/src/cli/main.js) as seen from the running CLI: beside this module
 * in tsc's layout (dist/src/cli/), in ../src/cli/ from the bundle's folder (dist/cli/).
 */
export function launcherUrl(): string {
  const here = import.meta.url;
  const fromModules = new URL('..', here).pathname.endsWith('/src/');
  return new URL(fromModules ? './main.js' : '../src/cli/main.js', here).href;
}

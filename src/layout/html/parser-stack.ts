/**
 * A stack of open element names for htmlparser2's Parser that stays linear in the
 * nesting depth. htmlparser2 (v12) keeps its open elements innermost-first in a
 * plain array and adds and removes at the front (unshift/shift), which costs time
 * in proportion to the depth on every tag: a page nested 100,000 deep then takes
 * minutes. This store keeps the names innermost-last and answers the same reads
 * (`[i]` counted from the innermost, `length`, `indexOf`, `includes`, `unshift`,
 * `shift`) in constant time, plus a count per name so that a closing tag for an
 * element that is not open is refused without a scan.
 *
 * It replaces the parser's `stack` field, which is internal to htmlparser2: the
 * deep-nesting test in test/layout/robustness.test.ts fails if a new version
 * stops using it this way.
 */
class OpenElements {
  items: string[] = [];
  counts = new Map<string, number>();
  /** The innermost open element, kept as a field: the parser reads `stack[0]` on every tag (a Proxy was 3× slower). */
  0: string | undefined = undefined;

  get length(): number {
    return this.items.length;
  }

  set length(n: number) {
    while (this.items.length > n) this.shift();
  }

  unshift(name: string): number {
    this.items.push(name);
    this[0] = name;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.items.length;
  }

  shift(): string | undefined {
    const name = this.items.pop();
    if (name !== undefined) this.counts.set(name, this.counts.get(name)! - 1);
    this[0] = this.items[this.items.length - 1];
    return name;
  }

  includes(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  /** Position counted from the innermost element (0), or -1. */
  indexOf(name: string): number {
    if (!this.includes(name)) return -1;
    const i = this.items.lastIndexOf(name);
    return this.items.length - 1 - i;
  }

  /** The open elements innermost first, as the parser's own array. */
  innermostFirst(): string[] {
    return this.items.slice().reverse();
  }
}

/**
 * A drop-in for the parser's stack array (innermost first) for everything the
 * parser does while it parses (`[0]`, `length`, `includes`, `indexOf`, `unshift`,
 * `shift`). Other indices are read only when the input ends (to close what is
 * still open): call `restoreStack` before `parser.end()`.
 */
export function linearStack(): unknown {
  return new OpenElements();
}

/** Puts a plain array back in the parser's `stack` field (innermost first) before the parser ends. */
export function restoreStack(internals: { stack?: unknown }): void {
  if (internals.stack instanceof OpenElements) internals.stack = internals.stack.innermostFirst();
}

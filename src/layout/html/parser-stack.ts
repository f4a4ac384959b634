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

  unshift(name: string): number {
    this.items.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.items.length;
  }

  shift(): string | undefined {
    const name = this.items.pop();
    if (name !== undefined) this.counts.set(name, this.counts.get(name)! - 1);
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

  at(i: number): string | undefined {
    return this.items[this.items.length - 1 - i];
  }

  setLength(n: number): void {
    while (this.items.length > n) this.shift();
  }
}

const INDEX = /^\d+$/;

/** A drop-in for the parser's stack array (innermost first), backed by OpenElements. */
export function linearStack(): unknown {
  const store = new OpenElements();
  return new Proxy(store, {
    get(target, key) {
      if (typeof key === 'string' && INDEX.test(key)) return target.at(Number(key));
      if (key === 'length') return target.items.length;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, key, value) {
      if (key === 'length') {
        target.setLength(Number(value));
        return true;
      }
      return Reflect.set(target, key, value);
    },
  });
}

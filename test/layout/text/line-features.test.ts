import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/layout/text/classify-lines.js';
import { LINE_FEATURE_NAMES, lineFeatures } from '../../../src/layout/text/line-features.js';

const page = [
  'Home',
  'World',
  'Harbour crane falls into the sea during a storm',
  'A forty-metre crane at the container harbour toppled into the water on Sunday night as winds reached 120 km/h, the port authority said.',
  'Nobody was hurt, but two berths will stay closed while divers inspect the quay wall for damage.',
  'Most read',
  'Privacy policy',
].join('\n\n');

describe('line features', () => {
  const a = analyseText(page);
  const x = lineFeatures(a);
  const width = LINE_FEATURE_NAMES.length;
  const at = (line: number, name: string) => x[line * width + LINE_FEATURE_NAMES.indexOf(name)]!;

  it('gives one row of named features per line', () => {
    expect(x.length).toBe(a.lines.length * width);
    expect(new Set(LINE_FEATURE_NAMES).size).toBe(width);
  });

  it('describes a line, its place against the rules run, and its neighbours', () => {
    // Line 3 is the first story paragraph: prose, inside the run, after a short title line.
    expect(at(3, 'prose')).toBe(1);
    expect(at(3, 'inRun')).toBe(1);
    expect(at(0, 'inRun')).toBe(0);
    expect(at(0, 'beforeRun')).toBe(1);
    expect(at(6, 'afterRun')).toBe(1);
    expect(at(3, 'n-1:prose')).toBe(0);
    expect(at(3, 'n1:prose')).toBe(1);
    expect(at(0, 'n-1:missing')).toBe(1);
    expect(at(0, 'position')).toBe(0);
    expect(at(6, 'position')).toBe(1);
    expect(at(3, 'stopShare')).toBeGreaterThan(at(1, 'stopShare'));
    expect(at(4, 'longRun')).toBeCloseTo(Math.log1p(2));
    expect(at(5, 'named:related')).toBe(1);
  });

  it('is the same for the same page (the runtime and training share it)', () => {
    expect(Array.from(lineFeatures(analyseText(page)))).toEqual(Array.from(x));
  });
});

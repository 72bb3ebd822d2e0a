import fc from 'fast-check';
import { wireVersionProblem } from '../../provider/client/map-wire';
import { describeValue, MAX_SHOWN, printable, quote } from '../../provider/describe-value';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('a bad value as every message shows it', () => {
  it('never carries a control character, and never more than a line of text', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const shown = describeValue(value);
        expect(shown).not.toMatch(CONTROL);
        expect(shown.length).toBeLessThanOrEqual(MAX_SHOWN + '"" (empty)'.length);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        expect(printable(text)).not.toMatch(CONTROL);
        expect(printable(text).length).toBeLessThanOrEqual(MAX_SHOWN);
        expect(quote(text)).toBe(`"${printable(text)}"`);
      }),
    );
  });

  it('names what the value is: a string quoted, a number as written, otherwise its kind', () => {
    expect(describeValue('acme corp')).toBe('"acme corp"');
    expect(describeValue('')).toBe('"" (empty)');
    expect(describeValue('a\nb')).toBe('"a\\u000ab"');
    expect(describeValue(5)).toBe('5');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(['x'])).toBe('a list');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(undefined, 'missing')).toBe('missing');
    expect(describeValue('x'.repeat(200))).toBe(`"${'x'.repeat(MAX_SHOWN - 3)}..."`);
    expect(quote([1, 2])).toBe('"[1,2]"');
  });

  it("a hostile server's value never reaches the preview with a terminal control sequence (C1 CSI included)", () => {
    const problem = wireVersionProblem({ id: 'x\u009b2J\u001b[31mred', name: 'v' });
    expect(problem).toMatch(/^an entry's id is "x.*", not a positive whole number$/);
    expect(problem).not.toMatch(CONTROL);
  });
});

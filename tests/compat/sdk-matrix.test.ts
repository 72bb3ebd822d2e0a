// The pieces of the compatibility run that decide what it covers and what it accepts.
import { engineWarnings, lowestVersionOf } from './sdk-matrix';

describe('lowestVersionOf', () => {
  test.each([
    ['>=20.19', '20.19.0'],
    ['^3.248.0', '3.248.0'],
    ['>= 22', '22.0.0'],
    ['~1.2.3', '1.2.3'],
  ])('%s → %s', (range, lowest) => expect(lowestVersionOf(range)).toBe(lowest));

  test('a range it cannot read is an error naming package.json, not a guess', () => {
    expect(() => lowestVersionOf('>=20 <24')).toThrow(/package\.json/);
    expect(() => lowestVersionOf('*')).toThrow(/package\.json/);
  });
});

describe('engineWarnings', () => {
  test("names every package of npm 11's EBADENGINE warnings, scoped ones too, once each", () => {
    // As npm 11.19 printed it installing the packed package with @pulumi/pulumi 3.248.0 on Node 20.19.0.
    const output = [
      'npm warn EBADENGINE Unsupported engine {',
      "npm warn EBADENGINE   package: 'content-type@3.1.1',",
      "npm warn EBADENGINE   required: { node: '>=22' },",
      "npm warn EBADENGINE   current: { node: 'v20.19.0', npm: '11.19.1' }",
      'npm warn EBADENGINE }',
      "npm warn EBADENGINE   package: '@scope/thing@2.0.0-rc.1',",
      "npm warn EBADENGINE   package: 'content-type@3.1.1',",
      '',
      'added 249 packages in 30s',
    ].join('\n');
    expect(engineWarnings(output)).toEqual(['@scope/thing', 'content-type']);
  });

  test('a clean install names none', () => {
    expect(engineWarnings('added 138 packages in 32s\n')).toEqual([]);
  });
});

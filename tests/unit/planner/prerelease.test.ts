import { isPrerelease } from '../../../provider/planner/prerelease';
import type { PackageType } from '../../../provider/types';

const cases: Array<[PackageType, string, string[], boolean]> = [
  // npm: semver 2
  ['npm', '1.0.0', [], false],
  ['npm', '1.0.0-beta.1', [], true],
  ['npm', '1.0.0-0', [], true],
  ['npm', '1.0.0+build.5', [], false], // build metadata alone is not a pre-release
  ['npm', '1.0.0-rc.1+build.5', [], true],
  ['npm', 'v1.2.3-alpha', [], true], // optional leading v
  ['npm', 'v1.2.3', [], false],
  ['npm', '1.2', [], false], // not semver: not a pre-release
  ['npm', '1.2-beta', [], false],
  ['npm', '01.2.3-beta', [], false], // leading zero: not semver
  ['npm', '1.2.3-01', [], false], // numeric pre-release id with leading zero: not semver
  ['npm', 'latest', [], false],
  ['npm', '1.0.0-beta+build.1', [], true],
  ['npm', '1.0.0-beta+bu$ld', [], false], // invalid build metadata: not semver
  ['npm', '1.0.0-beta..1', [], false], // empty pre-release identifier
  ['npm', '1.0.0-', [], false],
  ['npm', '1.0.0-0a', [], true], // alphanumeric identifier: leading zero allowed
  ['npm', 'V1.0.0-beta', [], false], // only a lower-case v
  ['npm', '1.0.0.0-beta', [], false], // four parts: not semver
  ['npm', '1.0.0-beta+ok.bu$ld', [], false], // every build identifier must be valid
  ['npm', '1.0.10', [], false],
  ['npm', '1.0.0-a01', [], true], // alphanumeric, ends in digits: not a numeric identifier
  ['npm', '10.0.0-beta', [], true],
  // nuget: semver 2 plus NuGet's 2- and 4-part versions
  ['nuget', '1.0.0-preview.1', [], true],
  ['nuget', '1.0.0.1-beta', [], true],
  ['nuget', '1.0.0.1', [], false],
  ['nuget', '1.0.0', [], false],
  ['nuget', 'v1.0.0.1-beta', [], true],
  ['nuget', '1.0-beta', [], true], // two parts
  ['nuget', '1-beta', [], false], // one part: not a NuGet version
  ['nuget', '1.0.0.0.1-beta', [], false], // five parts
  ['nuget', '1.0.0.1-beta+exp.sha', [], true], // build metadata after the label
  ['nuget', 'a.b-beta', [], false],
  ['nuget', '1.0-be$ta', [], false],
  ['nuget', '1.0.0.1-beta..x', [], false],
  ['nuget', '1.0-b', [], true],
  ['nuget', '1.0.0.10', [], false],
  ['nuget', '1.0.0.1-beta.2', [], true],
  ['nuget', '1.a-beta', [], false],
  ['nuget', 'a1.0-beta', [], false],
  ['nuget', '1a.0-beta', [], false],
  ['nuget', '10.0.0.1-beta', [], true],
  // maven qualifiers
  ['maven', '1.0.0-SNAPSHOT', [], true],
  ['maven', '1.0-alpha-1', [], true],
  ['maven', '1.0-a1', [], true],
  ['maven', '2.0.0.RC1', [], true],
  ['maven', '2.0.0-cr2', [], true],
  ['maven', '1.0-M3', [], true],
  ['maven', '1.0-milestone', [], true],
  ['maven', '1.0b2', [], true],
  ['maven', '1.0-beta-2', [], true],
  ['maven', '1.0', [], false],
  ['maven', '1.0-ga', [], false],
  ['maven', '1.0.Final', [], false],
  ['maven', '1.0-release', [], false],
  ['maven', '1.0-sp1', [], false],
  ['maven', '31.1-jre', [], false], // unknown qualifier: release
  ['maven', '1.0-android', [], false], // "a" inside a word is not the alpha qualifier
  // rubygems: any letter
  ['rubygems', '1.0.0.pre', [], true],
  ['rubygems', '2.0.0.rc1', [], true],
  ['rubygems', '2.0.0', [], false],
  ['rubygems', '1.0.0a', [], true],
  ['rubygems', '1.0.0.RC1', [], true], // a capital letter too
  // containers: by tags, all of them pre-releases
  ['container', 'sha256:abc', ['1.0.0-rc.1'], true],
  ['container', 'sha256:abc', ['1.0.0-rc.1', 'v2.0.0-beta'], true],
  ['container', 'sha256:abc', ['1.0.0-rc.1', 'latest'], false],
  ['container', 'sha256:abc', ['v1.2.3'], false],
  ['container', 'sha256:abc', [], false], // untagged
  ['docker', 'sha256:abc', ['2.0.0-beta'], true],
  ['docker', 'sha256:abc', ['latest'], false],
];

describe('isPrerelease', () => {
  it.each(cases)('%s %s %j → %s', (packageType, name, tags, expected) => {
    expect(isPrerelease(packageType, { name, tags })).toBe(expected);
  });
});

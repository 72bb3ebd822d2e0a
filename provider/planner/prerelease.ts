/**
 * Which versions are pre-releases, per package type (docs/retention-semantics.md, "Pre-releases").
 * Each ecosystem has its own rule; all are written by hand here because they are short and linear-time.
 */
import type { PackageType } from '../types';

const NUMERIC = /^(?:0|[1-9][0-9]*)$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

/**
 * Semantic Versioning 2.0.0: a pre-release has `-…` after a valid `MAJOR.MINOR.PATCH` (an optional leading `v`
 * is accepted). Build metadata (`+…`) alone is not a pre-release; a name that is not semver is not one either.
 * https://semver.org/#spec-item-9
 */
export function isSemverPrerelease(name: string): boolean {
  const parsed = parseSemver(name);
  return parsed !== undefined && parsed.prerelease.length > 0;
}

export function parseSemver(name: string): { core: string; prerelease: string[]; build: string[] } | undefined {
  let text = name.startsWith('v') ? name.slice(1) : name;
  let build: string[] = [];
  const plus = text.indexOf('+');
  if (plus >= 0) {
    build = text.slice(plus + 1).split('.');
    text = text.slice(0, plus);
    if (!build.every((id) => IDENTIFIER.test(id))) return undefined;
  }
  let prerelease: string[] = [];
  const dash = text.indexOf('-');
  if (dash >= 0) {
    prerelease = text.slice(dash + 1).split('.');
    text = text.slice(0, dash);
    // Numeric pre-release identifiers must not have leading zeros (spec item 9).
    if (!prerelease.every((id) => IDENTIFIER.test(id) && (!/^[0-9]+$/.test(id) || NUMERIC.test(id)))) return undefined;
  }
  const core = text.split('.');
  if (core.length !== 3 || !core.every((part) => NUMERIC.test(part))) return undefined;
  return { core: text, prerelease, build };
}

/**
 * NuGet: SemVer 2 plus NuGet's own four-part and two-part versions (`1.0.0.1-beta`, `1.0-beta`); a `-` suffix
 * after the numeric part makes a pre-release. https://learn.microsoft.com/en-us/nuget/concepts/package-versioning
 */
export function isNugetPrerelease(name: string): boolean {
  if (isSemverPrerelease(name)) return true;
  let text = name.startsWith('v') ? name.slice(1) : name;
  const plus = text.indexOf('+');
  if (plus >= 0) text = text.slice(0, plus);
  const dash = text.indexOf('-');
  if (dash < 0) return false;
  const numbers = text.slice(0, dash).split('.');
  const label = text.slice(dash + 1).split('.');
  return numbers.length >= 2 && numbers.length <= 4 && numbers.every((part) => /^[0-9]+$/.test(part)) && label.every((id) => IDENTIFIER.test(id));
}

const MAVEN_PRERELEASE_QUALIFIERS = new Set(['alpha', 'a', 'beta', 'b', 'milestone', 'm', 'rc', 'cr', 'snapshot']);

/**
 * Maven: the version is split like Maven's ComparableVersion (at `.`, `-`, `_` and at every switch between
 * digits and letters); a qualifier alpha/a, beta/b, milestone/m, rc/cr or snapshot (any case) makes a
 * pre-release. No qualifier, ga/final/release/sp and unknown ones (`31.1-jre`) are releases.
 * https://maven.apache.org/pom.html#version-order-specification
 */
export function isMavenPrerelease(name: string): boolean {
  const words = name.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.some((word) => MAVEN_PRERELEASE_QUALIFIERS.has(word));
}

/** RubyGems: a version containing a letter is a pre-release (`Gem::Version#prerelease?`). */
export function isRubygemsPrerelease(name: string): boolean {
  return /[A-Za-z]/.test(name);
}

/** Containers and docker: a version is a pre-release when it has tags and every tag is a semver pre-release. */
export function isTaggedPrerelease(tags: readonly string[]): boolean {
  return tags.length > 0 && tags.every(isSemverPrerelease);
}

export function isPrerelease(packageType: PackageType, version: { name: string; tags: readonly string[] }): boolean {
  switch (packageType) {
    case 'npm':
      return isSemverPrerelease(version.name);
    case 'nuget':
      return isNugetPrerelease(version.name);
    case 'maven':
      return isMavenPrerelease(version.name);
    case 'rubygems':
      return isRubygemsPrerelease(version.name);
    case 'container':
    case 'docker':
      return isTaggedPrerelease(version.tags);
  }
}

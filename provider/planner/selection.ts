/**
 * Step 2 of the order of evaluation: which versions the filters select (`select`, `tags`, `names`,
 * `prerelease`, combined with AND). See docs/retention-semantics.md, "Order of evaluation" and "Patterns".
 */
import type { PackageVersionInfo } from '../types';
import { matchList, type PatternList } from './patterns';
import { isPrerelease } from './prerelease';
import type { ResolvedRetentionOptions } from './retention-options';

/** A value that matched both an include and an exclusion of one list (the exclusion wins). */
export interface PatternOverlap {
  property: 'packages' | 'tags' | 'names';
  include: string;
  exclude: string;
  value: string;
}

export interface SelectionResult {
  selected: boolean;
  /** Why not selected (the first filter that failed), for the decision text. */
  notSelectedBecause?: string;
  /** Tags of a version that matched the tag filter only partly: the tags that did not match. */
  unmatchedTags?: string[];
  overlaps: PatternOverlap[];
}

type SelectionOptions = Pick<ResolvedRetentionOptions, 'packageType' | 'select' | 'tags' | 'names' | 'prerelease'>;

export function selectVersion(version: PackageVersionInfo, options: SelectionOptions): SelectionResult {
  const overlaps: PatternOverlap[] = [];
  const reasons: string[] = [];
  const tagged = version.tags.length > 0;

  if (options.select === 'tagged' && !tagged) reasons.push('select is "tagged" and the version has no tags');
  if (options.select === 'untagged' && tagged) reasons.push('select is "untagged" and the version has tags');

  let unmatchedTags: string[] | undefined;
  if (options.tags) {
    const tagResult = matchTags(version.tags, options.tags, overlaps);
    if (!tagResult.selected) reasons.push(tagResult.because);
    if (tagResult.matched > 0 && tagResult.unmatched.length > 0) unmatchedTags = tagResult.unmatched;
  }

  if (options.names) {
    const match = matchList(options.names, version.name);
    if (match.includedBy && match.excludedBy) {
      overlaps.push({ property: 'names', include: match.includedBy.source, exclude: match.excludedBy.source, value: version.name });
    }
    if (!match.selected) {
      reasons.push(match.excludedBy ? `its name matches the exclusion "!${match.excludedBy.source}" in names` : 'its name matches no entry of names');
    }
  }

  if (options.prerelease !== 'any') {
    const pre = isPrerelease(options.packageType, version);
    if (options.prerelease === 'only' && !pre) reasons.push('prerelease is "only" and this is not a pre-release');
    if (options.prerelease === 'exclude' && pre) reasons.push('prerelease is "exclude" and this is a pre-release');
  }

  return { selected: reasons.length === 0, notSelectedBecause: reasons[0], unmatchedTags, overlaps };
}

/**
 * A version is selected by `tags` only if every one of its tags matches an include and none matches an
 * exclusion: the API cannot remove one tag, so deleting a version tagged `pr-12` and `v1.0` would destroy `v1.0`.
 * An untagged version has no tag to match: it passes a list of exclusions only ("everything except") and no
 * list with includes.
 */
function matchTags(tags: readonly string[], list: PatternList, overlaps: PatternOverlap[]) {
  if (tags.length === 0) {
    const selected = list.includes.length === 0;
    return { selected, because: 'it has no tags and tags requires a match', matched: 0, unmatched: [] as string[] };
  }
  const unmatched: string[] = [];
  let matched = 0;
  let because = '';
  for (const tag of [...tags].sort()) {
    const match = matchList(list, tag);
    if (match.includedBy && match.excludedBy) {
      overlaps.push({ property: 'tags', include: match.includedBy.source, exclude: match.excludedBy.source, value: tag });
    }
    if (match.selected) {
      matched++;
    } else {
      unmatched.push(tag);
      because ||= match.excludedBy
        ? `its tag "${tag}" matches the exclusion "!${match.excludedBy.source}" in tags`
        : `its tag "${tag}" matches no entry of tags`;
    }
  }
  return { selected: unmatched.length === 0, because, matched, unmatched };
}

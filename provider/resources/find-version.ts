/**
 * Resolves a `PackageVersion`'s selector (an id, or a name / digest / tag) to one live version, active or deleted.
 */
import type { PackagesClient } from '../client/packages-client';
import { NotFoundOrNoAccessError } from '../errors';
import type { PackageRef, PackageVersionInfo } from '../types';

export type VersionSelector = { kind: 'id'; id: number } | { kind: 'name'; name: string };

/** The selector matches no version, or more than one: a check failure on the named property. */
export class VersionLookupFailure extends Error {
  override readonly name = 'VersionLookupFailure';
  constructor(
    readonly property: 'versionId' | 'versionName' | 'packageName',
    message: string,
  ) {
    super(message);
  }
}

/** Deleted versions are listed (`state=deleted`) only for `/user` and `/orgs/{org}` owners. */
function deletedVersionsVisible(ref: PackageRef): boolean {
  return ref.owner.kind !== 'user';
}

function describe(ref: PackageRef): string {
  const owner = ref.owner.kind === 'authenticated' ? 'your account' : ref.owner.login;
  return `${ref.packageType} package "${ref.name}" of ${owner}`;
}

function notFoundHint(ref: PackageRef): string {
  const purge = ' GitHub purges deleted versions 30 days after deletion; they cannot be restored after that.';
  return deletedVersionsVisible(ref)
    ? purge
    : `${purge} Deleted versions of another user's packages are not listed by /users/{user}: for your own packages, omit \`user\`.`;
}

function matches(version: PackageVersionInfo, name: string): boolean {
  return version.name === name || version.tags.includes(name);
}

/** Lists versions; a package that does not exist (or is not visible) is a failure on `packageName`. */
async function listOrFail(client: PackagesClient, ref: PackageRef, state: 'active' | 'deleted'): Promise<PackageVersionInfo[]> {
  try {
    return await client.listVersions(ref, { state });
  } catch (err) {
    if (err instanceof NotFoundOrNoAccessError) throw new VersionLookupFailure('packageName', err.message);
    throw err;
  }
}

export async function findVersion(client: PackagesClient, ref: PackageRef, selector: VersionSelector): Promise<PackageVersionInfo> {
  if (selector.kind === 'id') {
    try {
      return await client.getVersion(ref, selector.id);
    } catch (err) {
      if (!(err instanceof NotFoundOrNoAccessError)) throw err;
    }
    if (deletedVersionsVisible(ref)) {
      const deleted = await listOrFail(client, ref, 'deleted');
      const found = deleted.find((v) => v.id === selector.id);
      if (found) return found;
    }
    throw new VersionLookupFailure(
      'versionId',
      `no version ${selector.id} in the ${describe(ref)}, or it is not visible to this token.${notFoundHint(ref)}`,
    );
  }
  for (const state of deletedVersionsVisible(ref) ? (['active', 'deleted'] as const) : (['active'] as const)) {
    const found = (await listOrFail(client, ref, state)).filter((v) => matches(v, selector.name));
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new VersionLookupFailure(
        'versionName',
        `"${selector.name}" matches ${found.length} ${state} versions (ids ${found.map((v) => v.id).join(', ')}) of the ` +
          `${describe(ref)}; give \`versionId\` instead.`,
      );
    }
  }
  throw new VersionLookupFailure(
    'versionName',
    `no version named or tagged "${selector.name}" in the ${describe(ref)}, or it is not visible to this token.${notFoundHint(ref)}`,
  );
}

/**
 * Deleted versions with the same name or tag as an active one (a version deleted, then published again under its
 * name): a restore by that name finds the active one and restores nothing, which the preview must say.
 */
export async function deletedNamesakes(client: PackagesClient, ref: PackageRef, name: string): Promise<PackageVersionInfo[]> {
  if (!deletedVersionsVisible(ref)) return [];
  return (await listOrFail(client, ref, 'deleted')).filter((v) => matches(v, name));
}

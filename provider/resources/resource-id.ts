import type { Owner, PackageRef } from '../types';

/** The API path prefix of an owner: `user`, `users/{login}` or `orgs/{login}`. */
export function ownerPath(owner: Owner): string {
  switch (owner.kind) {
    case 'authenticated':
      return 'user';
    case 'user':
      return `users/${owner.login}`;
    case 'org':
      return `orgs/${owner.login}`;
  }
}

/** A readable, stable resource id: `orgs/acme/container/app%2Fweb`. */
export function packageResourceId(ref: PackageRef): string {
  return `${ownerPath(ref.owner)}/${ref.packageType}/${encodeURIComponent(ref.name)}`;
}

export function versionResourceId(ref: PackageRef, versionId: number): string {
  return `${packageResourceId(ref)}/versions/${versionId}`;
}

/** Helpers shared by the resource implementations for their stored inputs. */
import type { Owner, PackageRef } from '../types';

/** The properties a user wrote, picked from inputs or outputs that also hold what check and apply added. */
export function pickProperties(all: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (all[key] !== undefined) out[key] = all[key];
  return out;
}

/** The package a stored `org`/`user`/`packageType`/`packageName` set refers to (validated at check time). */
export function packageRefOf(inputs: { org?: string; user?: string; packageType: string; packageName: string }): PackageRef {
  const owner: Owner = inputs.org
    ? { kind: 'org', login: inputs.org }
    : inputs.user
      ? { kind: 'user', login: inputs.user }
      : { kind: 'authenticated' };
  return { owner, packageType: inputs.packageType as PackageRef['packageType'], name: inputs.packageName };
}

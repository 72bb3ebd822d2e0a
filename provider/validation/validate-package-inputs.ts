import { isPackageType, Owner, PACKAGE_TYPES, PackageType } from '../types';
import { parseOwner } from './parse-owner';
import { quote } from '../describe-value';
import { CheckFailure, isUnknown } from './check-failure';

/** Printable ASCII without spaces: package names on GitHub are ASCII (look-alike letters are refused). */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
export const MAX_NAME_LENGTH = 255;

/** The owner, or undefined when it is bad (failures added) or not known until apply. */
export function validateOwner(inputs: Record<string, unknown>, failures: CheckFailure[]): Owner | undefined {
  const parsed = parseOwner(inputs, isUnknown);
  failures.push(...parsed.failures);
  return parsed.owner;
}

export function validatePackageType(value: unknown, failures: CheckFailure[], property = 'packageType'): PackageType | undefined {
  if (isUnknown(value)) return undefined;
  if (!isPackageType(value)) {
    failures.push({ property, reason: `${quote(value)} is not a package type; use one of ${PACKAGE_TYPES.join(', ')}.` });
    return undefined;
  }
  return value;
}

/**
 * A package name as GitHub shows it. Names are passed URL-encoded as one path segment, so `/` inside container
 * names is fine, but names that could change which path is requested (`..` segments, `%`-escapes, control
 * characters) are refused outright.
 */
export function validatePackageName(
  value: unknown,
  packageType: PackageType | undefined,
  failures: CheckFailure[],
  property = 'packageName',
): string | undefined {
  if (isUnknown(value)) return undefined;
  const fail = (reason: string) => {
    failures.push({ property, reason });
    return undefined;
  };
  if (typeof value !== 'string') return fail(`must be a string (got ${quote(value)}).`);
  if (value.length === 0) return fail('must not be empty.');
  if (value.length > MAX_NAME_LENGTH) return fail(`is ${value.length} characters long; GitHub package names have at most ${MAX_NAME_LENGTH}.`);
  if (!PRINTABLE_ASCII.test(value)) {
    return fail(`${quote(value)} contains white space, control or non-ASCII characters; GitHub package names are printable ASCII.`);
  }
  if (value.includes('%')) return fail(`${quote(value)} contains "%": give the name unencoded (e.g. "a/b", not "a%2Fb").`);
  const segments = value.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) {
    return fail(`${quote(value)} has an empty, "." or ".." path segment.`);
  }
  if (segments.length > 1 && packageType !== undefined && packageType !== 'container' && packageType !== 'docker') {
    return fail(`${quote(value)} contains "/", which only container names may.`);
  }
  return value;
}

export function validateState(value: unknown, failures: CheckFailure[], property = 'state'): 'active' | 'deleted' | undefined {
  if (isUnknown(value)) return undefined;
  if (value !== 'active' && value !== 'deleted') {
    failures.push({ property, reason: `${quote(value)} is not a state; use "active" or "deleted".` });
    return undefined;
  }
  return value;
}

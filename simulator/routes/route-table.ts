/**
 * The 25 operations of the description (24 package operations + GET /user), matched on the raw pathname so
 * that `%2F` in a package name stays inside its segment.
 */
import { isPackageType } from '../package-type';
import type { PackageType } from '../types';
import spec from '../openapi/github-packages-openapi.json';

export type OwnerRef = { kind: 'authenticated' } | { kind: 'user'; login: string } | { kind: 'org'; login: string };

export type OperationKind =
  | 'get-user'
  | 'list-packages'
  | 'get-package'
  | 'delete-package'
  | 'restore-package'
  | 'list-versions'
  | 'get-version'
  | 'delete-version'
  | 'restore-version';

export interface MatchedRoute {
  kind: OperationKind;
  /** The OpenAPI path template, e.g. `/orgs/{org}/packages/{package_type}/{package_name}`. */
  template: string;
  operationId: string;
  documentationUrl: string;
  owner?: OwnerRef;
  packageType?: PackageType;
  packageName?: string;
  versionId?: number;
}

const SHAPES: Array<{ method: string; rest: string[]; kind: OperationKind }> = [
  { method: 'GET', rest: [], kind: 'list-packages' },
  { method: 'GET', rest: ['T', 'N'], kind: 'get-package' },
  { method: 'DELETE', rest: ['T', 'N'], kind: 'delete-package' },
  { method: 'POST', rest: ['T', 'N', 'restore'], kind: 'restore-package' },
  { method: 'GET', rest: ['T', 'N', 'versions'], kind: 'list-versions' },
  { method: 'GET', rest: ['T', 'N', 'versions', 'V'], kind: 'get-version' },
  { method: 'DELETE', rest: ['T', 'N', 'versions', 'V'], kind: 'delete-version' },
  { method: 'POST', rest: ['T', 'N', 'versions', 'V', 'restore'], kind: 'restore-version' },
];

const TEMPLATE_REST: Record<string, string> = { T: '{package_type}', N: '{package_name}', V: '{package_version_id}' };

type Operation = { operationId: string; externalDocs?: { url: string } };
const paths = spec.paths as unknown as Record<string, Record<string, Operation>>;

function describe(template: string, method: string): { operationId: string; documentationUrl: string } {
  const op = paths[template]?.[method.toLowerCase()];
  return { operationId: op?.operationId ?? 'unknown', documentationUrl: op?.externalDocs?.url ?? 'https://docs.github.com/rest' };
}

/** Returns the matched operation, `undefined` for paths GitHub does not have (404). Throws on bad encoding. */
export function matchRoute(method: string, pathname: string): MatchedRoute | undefined {
  const raw = pathname.replace(/\/+$/, '').split('/').slice(1);
  const seg = raw.map((s) => decodeURIComponent(s));
  if (method === 'GET' && seg.length === 1 && seg[0] === 'user') {
    return { kind: 'get-user', template: '/user', ...describe('/user', 'GET') };
  }
  let owner: OwnerRef;
  let prefix: string;
  let rest: string[];
  if (seg[0] === 'user' && seg[1] === 'packages') {
    owner = { kind: 'authenticated' };
    prefix = '/user/packages';
    rest = seg.slice(2);
  } else if (seg[0] === 'users' && seg[2] === 'packages' && seg[1]) {
    owner = { kind: 'user', login: seg[1] };
    prefix = '/users/{username}/packages';
    rest = seg.slice(3);
  } else if (seg[0] === 'orgs' && seg[2] === 'packages' && seg[1]) {
    owner = { kind: 'org', login: seg[1] };
    prefix = '/orgs/{org}/packages';
    rest = seg.slice(3);
  } else {
    return undefined;
  }
  for (const shape of SHAPES) {
    if (shape.method !== method || shape.rest.length !== rest.length) continue;
    const ok = shape.rest.every((p, i) => p === 'T' || p === 'N' || (p === 'V' ? /^\d+$/.test(rest[i]) : p === rest[i]));
    if (!ok) continue;
    const typeIndex = shape.rest.indexOf('T');
    if (typeIndex >= 0 && !isPackageType(rest[typeIndex])) return undefined;
    const template = [prefix, ...shape.rest.map((p) => TEMPLATE_REST[p] ?? p)].join('/');
    const v = shape.rest.indexOf('V');
    return {
      kind: shape.kind,
      template,
      ...describe(template, method),
      owner,
      packageType: typeIndex >= 0 ? (rest[typeIndex] as PackageType) : undefined,
      packageName: typeIndex >= 0 ? rest[typeIndex + 1] : undefined,
      versionId: v >= 0 ? Number(rest[v]) : undefined,
    };
  }
  return undefined;
}

// What a user's TypeScript program sees of the package: the declaration files its compiler reaches from the
// package's `types` entry, and a program that uses every public export, as a user's would.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DeclarationClosure {
  /** Every declaration file of the package reached from the entry, the entry included. */
  readonly files: string[];
  /** The bare module specifiers reached (packages), sorted. */
  readonly packages: string[];
}

/** `import … from 'x'`, `export … from 'x'`, `import('x')`, `/// <reference types="x" />` and `/// <reference path="x" />`. */
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|<reference\s+(?:types|path)=)["']([^"']+)["']/g;

/** The declaration files reachable from `entry` by relative imports, and the packages they import. */
export function declarationClosure(entry: string): DeclarationClosure {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
        continue;
      }
      const base = path.resolve(path.dirname(file), specifier.replace(/\.js$/, ''));
      const target = [`${base}.d.ts`, path.join(base, 'index.d.ts')].find((candidate) => fs.existsSync(candidate));
      if (!target) throw new Error(`${file}: cannot resolve "${specifier}" to a declaration file`);
      visit(target);
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/**
 * A program that touches every public export of the package, with the types a user would write down. CommonJS
 * (what `pulumi new typescript` makes): no top-level `await`.
 */
export const TYPED_USER_PROGRAM = `import * as pulumi from '@pulumi/pulumi';
import {
  getPackage,
  getPackageOutput,
  InvalidArgumentsError,
  listPackages,
  listPackagesOutput,
  listPackageVersions,
  listPackageVersionsOutput,
  Package,
  PACKAGE_TYPES,
  PackageVersion,
  PackageVersionRetention,
  PackageVersionSet,
  type GetPackageArgs,
  type PackageResult,
  type PackageType,
  type PackageVersionResult,
  type PendingChanges,
  type PendingDeletions,
  type PendingImages,
  type RetentionPackageReport,
  type ReviewedVersion,
  type VersionSetReport,
  type VersionState,
} from 'pulumi-github-packages';

const packageType: PackageType = PACKAGE_TYPES[5];
const state: VersionState = 'deleted';
const policy = new PackageVersionRetention('web-images', { org: 'acme', packageType, packages: ['web'], keepNewestTagged: 10, olderThan: '14d' });
const pin = new PackageVersion('pin', { org: 'acme', packageType: 'container', packageName: 'web', versionName: 'latest', state: 'active' });
const set = new PackageVersionSet('bad', { org: 'acme', packageType: 'npm', packageName: 'ui', versionIds: [1, 2], state });
const pkg = new Package('pkg', { org: 'acme', packageType: 'npm', packageName: 'old', state: 'active' });
const args: GetPackageArgs = { org: 'acme', packageType: 'container', packageName: 'web' };
const one: pulumi.Output<PackageResult> = getPackageOutput(args);
const all: pulumi.Output<readonly PackageResult[]> = listPackagesOutput({ org: 'acme', packageType: 'npm' });
const versions: pulumi.Output<readonly PackageVersionResult[]> = listPackageVersionsOutput({ ...args, state: 'deleted' });
const later: Promise<readonly PackageVersionResult[]> = listPackageVersions(args, { config: { baseUrl: 'https://ghe.example.com/api/v3' } });
void getPackage(args).then((p: PackageResult) => p.versionCount);
void listPackages({ packageType: 'container' }).catch((e: unknown) => e instanceof InvalidArgumentsError && e.functionName);
void later;
const deletions: pulumi.Output<PendingDeletions> = policy.pendingDeletions;
const images: pulumi.Output<PendingImages | undefined> = policy.pendingImages;
const lastRun: pulumi.Output<Record<string, RetentionPackageReport>> = policy.lastRun;
const reviewed: pulumi.Output<ReviewedVersion> = pin.version;
const changes: pulumi.Output<PendingChanges> = set.pendingChanges;
const report: pulumi.Output<VersionSetReport> = set.lastRun;
export const outputs = { deletions, images, lastRun, reviewed, changes, report, one, all, versions, packageId: pkg.packageId };
`;

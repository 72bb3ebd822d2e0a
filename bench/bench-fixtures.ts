/**
 * Fixtures for the benchmark scenarios: one org, one admin token with every scope, and generated npm packages
 * (the simulator expands `generated` entries at load time, so 50,000 versions need no file in the repo).
 */
import type { Fixture, GeneratedPackageSpec } from '../simulator';

export const BENCH_ORG = 'bench-org';
export const BENCH_TOKEN = 'ghp_bench_admin_token';
export const BENCH_TOKEN_LABEL = 'bench-admin';

function base(generated: GeneratedPackageSpec[]): Fixture {
  return {
    users: [{ login: 'bench-user', id: 1 }],
    orgs: [{ login: BENCH_ORG, id: 100, admins: ['bench-user'], members: [] }],
    tokens: [
      {
        token: BENCH_TOKEN,
        login: 'bench-user',
        scopes: ['read:packages', 'write:packages', 'delete:packages', 'repo'],
        label: BENCH_TOKEN_LABEL,
      },
    ],
    packages: [],
    generated,
  };
}

function npmPackage(name: string, count: number, seed: number): GeneratedPackageSpec {
  return { owner: BENCH_ORG, packageType: 'npm', name, count, seed, intervalMinutes: 60, newest: 'now-1h' };
}

/** One npm package `big` with `count` active versions. */
export function singlePackageFixture(name: string, count: number): Fixture {
  return base([npmPackage(name, count, 7)]);
}

export function orgPackageName(i: number): string {
  return `pkg-${String(i).padStart(3, '0')}`;
}

/** `packages` npm packages `pkg-000`… with `versionsEach` versions each. */
export function orgFixture(packages: number, versionsEach: number): Fixture {
  return base(Array.from({ length: packages }, (_, i) => npmPackage(orgPackageName(i), versionsEach, 1000 + i)));
}

/**
 * Shared set-up for the reliability tests: a fixture with a package large enough to page, a provider context
 * whose client waits on a fake clock that moves the simulator's clock, captured client warnings, and the checks
 * every failure must pass (clear, short, no token, no raw octokit error).
 */
import * as fs from 'fs';
import type { ProviderContext } from '../../provider/resources/provider-context';
import {
  FIXTURE_PATHS,
  FIXTURE_TOKENS,
  startSimulator,
  type Fixture,
  type FixtureTokenLabel,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../simulator';
import { contextFor } from '../provider/provider-helpers';
import { reviewedDeletions } from '../../provider/resources/retention-plan-view';

export { FIXTURE_TOKENS, startSimulator };
export type { RunningSimulator };

export const ALL_TOKENS: string[] = Object.values(FIXTURE_TOKENS);

/** npm package `acme/big`: 250 versions, one a day, the newest an hour old: three pages of 100. */
export const BIG = { owner: 'acme', packageType: 'npm' as const, packageName: 'big' };

export function reliabilityFixture(): Fixture {
  const base = JSON.parse(fs.readFileSync(FIXTURE_PATHS.default, 'utf8')) as Fixture;
  return {
    ...base,
    generated: [
      ...(base.generated ?? []),
      { owner: 'acme', packageType: 'npm', name: 'big', count: 250, seed: 7, intervalMinutes: 24 * 60, taggedEvery: 1000, deletedFraction: 0 },
    ],
  };
}

export async function startReliabilitySimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ fixture: reliabilityFixture(), ...options });
}

export interface ReliabilityContext {
  context: ProviderContext;
  warnings: string[];
}

/**
 * A provider context as the provider process builds it (stack config → settings → client), with instant waits
 * that still move the simulator's clock (rate-limit windows pass). `baseUrl` may point at a fault proxy.
 */
export function reliabilityContext(
  sim: RunningSimulator,
  opts: { label?: FixtureTokenLabel; baseUrl?: string; config?: Record<string, string> } = {},
): ReliabilityContext {
  const warnings: string[] = [];
  const config = { ...(opts.baseUrl ? { 'github-packages:baseUrl': opts.baseUrl } : {}), ...opts.config };
  const context = contextFor(sim, opts.label ?? 'admin', { config, warnings });
  return { context, warnings };
}

/** Ids of every DELETE the simulator received (whatever its outcome). */
export function deleteRequestIds(sim: RunningSimulator): number[] {
  return sim.log.filter((e) => e.method === 'DELETE').map((e) => Number(e.path.split('/').pop()));
}

/** Ids of the package's versions that are deleted in the simulator now. */
export function deletedIds(sim: RunningSimulator, pkg: { owner: string; packageType: string; packageName: string }): number[] {
  return sim.control
    .listVersions(pkg as Parameters<RunningSimulator['control']['listVersions']>[0])
    .filter((v) => v.state === 'deleted')
    .map((v) => v.id)
    .sort((a, b) => a - b);
}

/** Pending deletion ids of a retention plan's checked inputs. */
export function pendingIds(inputs: { pendingDeletions?: Record<string, unknown> }): number[] {
  return reviewedDeletions(inputs.pendingDeletions)
    .map((d) => d.id)
    .sort((a, b) => a - b);
}

/** Everything an error exposes (message, stack, own properties). */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  let props: string;
  try {
    props = JSON.stringify(err);
  } catch {
    props = '(unserializable)';
  }
  return [err.name, err.message, err.stack ?? '', props].join('\n');
}

/**
 * A failure a user can act on: an Error whose message is short, says what failed, and carries neither a token
 * nor octokit's raw error (request options, headers).
 */
export function expectClearFailure(err: unknown): string {
  expect(err).toBeInstanceOf(Error);
  const e = err as Error;
  const text = errorText(e);
  for (const t of ALL_TOKENS) expect(text).not.toContain(t);
  expect(e.name).not.toMatch(/^(HttpError|RequestError)$/);
  expect(text).not.toMatch(/authorization|"request"\s*:|"headers"\s*:|x-ratelimit|user-agent/i);
  expect(e.message.length).toBeGreaterThan(20);
  expect(e.message.length).toBeLessThan(4000);
  return e.message;
}

export async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]);
}

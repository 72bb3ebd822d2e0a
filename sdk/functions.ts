/**
 * Read-only look-ups for use inside programs, shaped like a Pulumi package's invokes (`getRepository` and
 * `getRepositoryOutput` of `@pulumi/github`): each takes plain args and `opts`, and has an `…Output` variant that
 * takes `Input`s and returns an `Output`. Dynamic providers cannot offer invokes, so these run in the program's
 * process, with the same client and configuration as the resources: the stack config (`github-packages:token`,
 * `baseUrl`, …; the token else from GITHUB_TOKEN / GH_TOKEN), or the configuration given in `opts.config`.
 * The checks and the mapping are the provider's (`provider/resources/read-functions.ts`), which the provider
 * plugin's invokes share; the signatures here name only the SDK's own types (`contract-conformance.ts` proves them
 * equal to the contract), so the SDK's declaration files import nothing of the provider.
 */
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import type { PackagesClient } from '../provider/client/packages-client';
import { createProviderContext } from '../provider/resources/provider-context';
import { getPackageWith, listPackagesWith, listPackageVersionsWith } from '../provider/resources/read-functions';
import { CONFIG_NAMESPACE, SETTINGS_ENVIRONMENT } from '../provider/settings/provider-settings';
import type { PackageType, VersionState } from './public-types';
import type { PackageResult, PackageVersionResult } from './read-results';

/**
 * Provider configuration for one call: the stack config's `github-packages:*` keys, without the namespace. A key
 * given here wins over the stack config; the others still come from it.
 */
export interface ProviderConfig {
  /** The token (store it as a secret; with the `…Output` variants, a secret `Output` stays secret). */
  readonly token?: string;
  /** `https://api.github.com` (default), or `https://HOST/api/v3` for GitHub Enterprise Server. */
  readonly baseUrl?: string;
  /** Pages fetched at once (default 4). */
  readonly readConcurrency?: number;
  /** A request with no answer is aborted and retried after this long (default 30000). */
  readonly requestTimeoutMs?: number;
  /** Allow `http://` to a host other than loopback. */
  readonly allowInsecureHttp?: boolean;
  /** Pause between mutating requests (the read functions send none). */
  readonly mutationIntervalMs?: number;
  /** Reads of a mutation's result (the read functions make no mutation). */
  readonly verifyAttempts?: number;
  /** Wait between those reads. */
  readonly verifyDelayMs?: number;
  /** The container registry (default: the one beside `baseUrl`; the read functions do not use it). */
  readonly registryUrl?: string;
  /** Points a minute the provider spends for one API and token (default and most for api.github.com: 900). */
  readonly requestPointsPerMinute?: number;
  /** The most one run waits on GitHub's rate limits in all (default 1800000, 30 minutes). */
  readonly maxRateLimitWaitMs?: number;
  /** Where answers are kept to re-read them conditionally (default `~/.cache/pulumi-github-packages/pages`; `off`). */
  readonly cacheDir?: string;
}

/** Options of a read function: what `pulumi.InvokeOptions` is to a Pulumi package's invokes. */
export interface ReadOptions {
  /** The provider configuration to use; default: the stack config. */
  readonly config?: ProviderConfig;
}

/** Options of an `…Output` read function: the configuration's values may be `Input`s (e.g. a secret token). */
export interface ReadOutputOptions {
  readonly config?: pulumi.Input<ProviderConfig>;
}

/** Arguments of `getPackage`: one package of an owner. */
export interface GetPackageArgs {
  /** Organization login. Give `org`, `user`, or neither (the token's own account). */
  readonly org?: string;
  /** User login (another user's packages; deleted versions are not listed there). */
  readonly user?: string;
  /** `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`. */
  readonly packageType: PackageType;
  /** The package name as GitHub shows it. */
  readonly packageName: string;
}

/** Arguments of `listPackages`: every package of a type that an owner has. */
export interface ListPackagesArgs {
  /** Organization login. Give `org`, `user`, or neither (the token's own account). */
  readonly org?: string;
  /** User login. */
  readonly user?: string;
  /** `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`. */
  readonly packageType: PackageType;
}

/** Arguments of `listPackageVersions`: the versions of one package. */
export interface ListPackageVersionsArgs extends GetPackageArgs {
  /** `active` (default), or `deleted` (still restorable; listed for your own account and organizations only). */
  readonly state?: VersionState;
}

/** `GetPackageArgs` with `Input`s, for `getPackageOutput`. */
export interface GetPackageOutputArgs {
  readonly org?: pulumi.Input<string>;
  readonly user?: pulumi.Input<string>;
  readonly packageType: pulumi.Input<PackageType>;
  readonly packageName: pulumi.Input<string>;
}

/** `ListPackagesArgs` with `Input`s, for `listPackagesOutput`. */
export interface ListPackagesOutputArgs {
  readonly org?: pulumi.Input<string>;
  readonly user?: pulumi.Input<string>;
  readonly packageType: pulumi.Input<PackageType>;
}

/** `ListPackageVersionsArgs` with `Input`s, for `listPackageVersionsOutput`. */
export interface ListPackageVersionsOutputArgs extends GetPackageOutputArgs {
  readonly state?: pulumi.Input<VersionState>;
}

/**
 * One client per configuration, so calls with the same configuration share its pacing and read limits. The
 * configuration is the stack's `github-packages:*` config as this run has it, with `opts.config` over it, and the
 * environment the settings read: a process that runs several programs (the Automation API's inline programs) gets
 * each run's own. Keyed by a SHA-256, so the token is not held in clear in the map.
 */
const clients = new Map<string, PackagesClient>();

function clientFor(opts: ReadOptions | undefined): PackagesClient {
  const given: Record<string, unknown> = { ...opts?.config };
  const prefix = `${CONFIG_NAMESPACE}:`;
  const stack = Object.fromEntries(Object.entries(pulumi.runtime.allConfig()).filter(([k]) => k.startsWith(prefix)));
  const env = SETTINGS_ENVIRONMENT.map((name) => process.env[name] ?? null);
  const key = createHash('sha256')
    .update(JSON.stringify([sortedEntries(stack), sortedEntries(given), env]))
    .digest('hex');
  let client = clients.get(key);
  if (!client) {
    // runtime.getConfig reads the stack's config as the engine passed it (secrets decrypted), without logging.
    const get = (fullKey: string) => {
      const own = fullKey.startsWith(prefix) ? given[fullKey.slice(prefix.length)] : undefined;
      if (own === undefined) return pulumi.runtime.getConfig(fullKey);
      return typeof own === 'string' ? own : JSON.stringify(own);
    };
    // Every key, so a misspelt `github-packages:*` one is refused with "did you mean" (as the resources do).
    const keys = () => [...Object.keys(pulumi.runtime.allConfig()), ...Object.keys(given).map((k) => prefix + k)];
    client = createProviderContext({ config: { get, keys } }).client();
    clients.set(key, client);
  }
  return client;
}

function sortedEntries(values: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The plain options an `…Output` variant passes on, once its configuration's `Input`s are known. */
function resolvedOptions(opts: ReadOutputOptions | undefined): pulumi.Output<ReadOptions> {
  return pulumi.output(opts?.config).apply((config) => (config ? { config: config } : {}));
}

/** One package (404 → NotFoundOrNoAccessError, saying which scopes matter). */
export async function getPackage(args: GetPackageArgs, opts?: ReadOptions): Promise<PackageResult> {
  return getPackageWith(clientFor(opts), args);
}

/** `getPackage` with `Input`s, as an `Output`. */
export function getPackageOutput(args: GetPackageOutputArgs, opts?: ReadOutputOptions): pulumi.Output<PackageResult> {
  return pulumi.all([pulumi.output(args), resolvedOptions(opts)]).apply(([a, o]) => getPackage(a as GetPackageArgs, o));
}

/** Every package of a type that the owner has and the token may see. */
export async function listPackages(args: ListPackagesArgs, opts?: ReadOptions): Promise<readonly PackageResult[]> {
  return listPackagesWith(clientFor(opts), args);
}

/** `listPackages` with `Input`s, as an `Output`. */
export function listPackagesOutput(args: ListPackagesOutputArgs, opts?: ReadOutputOptions): pulumi.Output<readonly PackageResult[]> {
  return pulumi.all([pulumi.output(args), resolvedOptions(opts)]).apply(([a, o]) => listPackages(a as ListPackagesArgs, o));
}

/**
 * Every version of a package, newest first: `active` (default), or `deleted` (still restorable; listed for
 * your own account and organizations only).
 */
export async function listPackageVersions(args: ListPackageVersionsArgs, opts?: ReadOptions): Promise<readonly PackageVersionResult[]> {
  return listPackageVersionsWith(clientFor(opts), args);
}

/** `listPackageVersions` with `Input`s, as an `Output`. */
export function listPackageVersionsOutput(
  args: ListPackageVersionsOutputArgs,
  opts?: ReadOutputOptions,
): pulumi.Output<readonly PackageVersionResult[]> {
  return pulumi.all([pulumi.output(args), resolvedOptions(opts)]).apply(([a, o]) => listPackageVersions(a as ListPackageVersionsArgs, o));
}

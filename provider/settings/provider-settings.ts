/**
 * Provider-wide settings: where the API and the container registry are, which token to use, how fast to mutate.
 * Read once per provider process from stack config (the dynamic provider's `configure` hook) and the environment.
 * This is the one resolver of every `github-packages:*` setting and the one place that maps them to the client's
 * options (`packagesClientOptions`); a default the client also applies is the client's own constant.
 *
 * The token is kept in this object only: never in resource inputs/outputs (they land in state), never in
 * messages. Values captured by a dynamic provider's serialized code land in state in clear text, which is why
 * the SDK's stubs capture nothing and everything is read here at run time.
 */
import * as path from 'path';
import {
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_MUTATION_INTERVAL_MS,
  DEFAULT_READ_CONCURRENCY,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type PackagesClientOptions,
} from '../client/packages-client';
import { DEFAULT_BUDGET_LIMITS } from '../client/request-budget';
import { closestName } from '../validation/closest-name';
import { defaultPageDir, sharedPageStore } from '../client/page-store';
import { ConfigurationError } from './configuration-error';

/** Stack config namespace: `pulumi config set --secret github-packages:token ghp_…`. */
export const CONFIG_NAMESPACE = 'github-packages';

export const DEFAULT_BASE_URL = 'https://api.github.com';
/** GitHub.com's Container registry: the token goes there only when `baseUrl` is GitHub.com's API. */
export const GITHUB_COM_REGISTRY_URL = 'https://ghcr.io';
/** GitHub Enterprise Server's API path (`https://HOST/api/v3`). */
const GHES_API_PATH = '/api/v3';
/** Five points per DELETE and 900 points a minute: 180 mutations a minute is GitHub's secondary-limit ceiling.
 * 340 ms (176 a minute, 880 points) leaves room for the listing requests of the same minute; shorter intervals
 * are refused except against a loopback simulator, or in proportion to a larger `requestPointsPerMinute`.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits */
export const MIN_MUTATION_INTERVAL_MS = 340;
/** GitHub.com's secondary limit for REST calls: the most `requestPointsPerMinute` may be against api.github.com. */
export const GITHUB_COM_POINTS_PER_MINUTE = DEFAULT_BUDGET_LIMITS.pointsPerMinute;
const MAX_POINTS_PER_MINUTE = 1_000_000;
/** A deletion or restore usually reads back at once; GitHub's reads may trail its writes for a moment (replicas,
 * caches), so an effect not visible yet is re-read a few times, a second apart, before it is called missing: at
 * most 3 s of waiting, and only when something reads as not done. */
export const DEFAULT_VERIFY_ATTEMPTS = 4;
export const DEFAULT_VERIFY_DELAY_MS = 1000;

/** What a user may set (stack config `github-packages:<name>`, or a provider's properties); everything optional. */
export interface ProviderSettingsInput {
  /** The GitHub token; store it as a secret. Default: GITHUB_TOKEN, else GH_TOKEN from the environment. */
  token?: string;
  /** The REST API: `https://api.github.com` (default), or `https://HOST/api/v3` for GitHub Enterprise Server. */
  baseUrl?: string;
  /** The container registry, read for policies with `imageGraph: 'registry'`; the token is sent to it. Default: the
   * registry beside `baseUrl` (`https://ghcr.io` for GitHub.com, `https://containers.HOST` for GitHub Enterprise
   * Server), none for any other API. */
  registryUrl?: string;
  /** Milliseconds between the starts of two deletions or restores (default 1000; at least 340 against GitHub). */
  mutationIntervalMs?: number;
  /** Pages fetched at once (default 4). */
  readConcurrency?: number;
  /** Abort a request with no answer after this long (it is then retried like a dropped connection); default 30000 ms. */
  requestTimeoutMs?: number;
  /** Allow `http://` to a host other than loopback (never needed for GitHub or GHES over TLS). */
  allowInsecureHttp?: boolean;
  /** Reads of a mutation's result before its effect is called missing (the first read follows the mutation); default 4. */
  verifyAttempts?: number;
  /** Milliseconds between those reads: GitHub's reads may lag its writes for a moment (default 1000). */
  verifyDelayMs?: number;
  /**
   * The request budget: points the provider spends a minute for one API and token (GET 1, DELETE and restore 5),
   * deletions and listings together. Default and maximum against api.github.com: GitHub's 900. Lower it when other
   * tools share the token; on GitHub Enterprise Server, whose administrators set their own rate limits, set it to
   * theirs (a local simulator takes any value).
   */
  requestPointsPerMinute?: number;
  /** The most one run (one provider process) waits on GitHub's rate limits in all; a wait that would go past it is
   * not begun, and the run fails with the time GitHub asked to wait until. 0: never wait. */
  maxRateLimitWaitMs?: number;
  /**
   * Where answers are kept between processes to read them again conditionally (a 304 costs no primary-limit
   * request): an absolute directory, or `off`. Default `$XDG_CACHE_HOME/pulumi-github-packages/pages` (else `~/.cache/…`).
   */
  cacheDir?: string;
}

/** Resolved settings with defaults applied; `registryUrl` is undefined when none is set and none is beside `baseUrl`. */
export type ProviderSettings = Required<Omit<ProviderSettingsInput, 'registryUrl'>> & { registryUrl: string | undefined; tokenSource: TokenSource };

export type TokenSource = `config:${string}` | 'env:GITHUB_TOKEN' | 'env:GH_TOKEN';

/** Every setting's name, once: the compiler holds it to `ProviderSettingsInput` (none missing, none extra). */
const SETTING_NAMES_BY_KEY: Record<keyof ProviderSettingsInput, true> = {
  token: true,
  baseUrl: true,
  registryUrl: true,
  mutationIntervalMs: true,
  readConcurrency: true,
  requestTimeoutMs: true,
  allowInsecureHttp: true,
  verifyAttempts: true,
  verifyDelayMs: true,
  maxRateLimitWaitMs: true,
  requestPointsPerMinute: true,
  cacheDir: true,
};
export const SETTING_NAMES = Object.keys(SETTING_NAMES_BY_KEY) as ReadonlyArray<keyof ProviderSettingsInput>;

/** The subset of Pulumi's dynamic `Config` we use, so tests can pass a plain object. */
export interface ConfigReader {
  get(key: string): string | undefined;
  /** Every key set in the stack's config, when the reader can list them: a misspelt setting is then refused. */
  keys?(): Iterable<string>;
}

/**
 * The dynamic provider's config as a reader that can list its keys. Pulumi's `dynamic.Config` declares `get` and
 * `require` only; its implementation keeps the stack's config as `rawConfig`
 * (https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/dynamic-provider/config.ts), which is what lets a
 * misspelt key be named. Where it is absent no key can be listed, and none is refused.
 */
export function listingConfigReader(config: ConfigReader): ConfigReader {
  const raw = (config as { rawConfig?: unknown }).rawConfig;
  if (config.keys || typeof raw !== 'object' || raw === null) return config;
  return { get: (key) => config.get(key), keys: () => Object.keys(raw) };
}

/**
 * A key of the `github-packages` namespace that is no setting (`github-packages:baseURL`) would be ignored, and
 * the run would go on with the default (GitHub.com, a different token): refused, with the closest setting.
 */
function refuseUnknownKeys(config: ConfigReader): void {
  for (const key of config.keys?.() ?? []) {
    if (!key.startsWith(`${CONFIG_NAMESPACE}:`)) continue;
    const name = key.slice(CONFIG_NAMESPACE.length + 1);
    if ((SETTING_NAMES as readonly string[]).includes(name)) continue;
    const closest = closestName(name, SETTING_NAMES);
    throw new ConfigurationError(
      key,
      `is not a setting of pulumi-github-packages${closest ? `; did you mean ${CONFIG_NAMESPACE}:${closest}?` : '.'} ` +
        `The settings are ${SETTING_NAMES.join(', ')}. Fix it with \`pulumi config rm ${key}\` and ` +
        `\`pulumi config set ${CONFIG_NAMESPACE}:${closest ?? '<setting>'} …\`.`,
    );
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** This machine (a simulator), where http:// does not cross a network: `localhost`, 127.x.y.z, `::1`. */
export function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The URL settings: what a valid value looks like, for the message when it is not a URL. */
const URL_HINTS = {
  baseUrl: 'Use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.',
  registryUrl: "Use https://ghcr.io, or your GitHub Enterprise Server's container registry URL.",
} as const;

/**
 * Validates a base URL: `https://api.github.com`, a GHES `https://HOST/api/v3`, or loopback `http://` (the
 * simulator). Returns it without a trailing slash.
 */
export function normalizeBaseUrl(raw: string, allowInsecureHttp: boolean): string {
  return normalizeTokenUrl('baseUrl', raw, allowInsecureHttp);
}

/**
 * Validates a URL the token is sent to (the API or the container registry): https, or http:// to loopback (a
 * simulator) or with `allowInsecureHttp`; no credentials, query or fragment. Returns it without a trailing slash.
 */
function normalizeTokenUrl(name: keyof typeof URL_HINTS, raw: string, allowInsecureHttp: boolean): string {
  const key = `${CONFIG_NAMESPACE}:${name}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(key, `"${truncate(raw)}" is not a URL. ${URL_HINTS[name]}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(key, `the scheme must be https (got "${url.protocol}").`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(key, 'must not contain credentials; set the token with `github-packages:token`.');
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(key, 'must not contain a query or fragment.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new ConfigurationError(
      key,
      `http:// to ${url.hostname} would send the token in clear text. Use https, or set ` +
        '`github-packages:allowInsecureHttp` to true if you really mean it.',
    );
  }
  return url.toString().replace(/\/+$/, '');
}

function parseNumber(config: ConfigReader, name: string, fallback: number, min: number, max: number): number {
  const raw = config.get(`${CONFIG_NAMESPACE}:${name}`);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`${CONFIG_NAMESPACE}:${name}`, `must be a whole number from ${min} to ${max} (got "${truncate(raw)}").`);
  }
  return value;
}

function parseBoolean(config: ConfigReader, name: string): boolean {
  const raw = config.get(`${CONFIG_NAMESPACE}:${name}`);
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigurationError(`${CONFIG_NAMESPACE}:${name}`, `must be true or false (got "${truncate(raw)}").`);
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

/**
 * The container registry that belongs to an API, the only one the token may go to unless `registryUrl` names
 * another: GitHub.com's API → ghcr.io; GitHub Enterprise Server's `https://HOST/api/v3` → `https://containers.HOST`
 * (GHES serves its Container registry at containers.HOSTNAME, which needs subdomain isolation:
 * https://docs.github.com/en/enterprise-server@latest/packages/working-with-a-github-packages-registry/working-with-the-container-registry);
 * a loopback API (the simulator) → its own origin, which serves `/v2/` and `/token` beside the API. Any other API
 * (a proxy, GHE.com, a mistyped host) has no known registry: undefined, and container policies plan without the
 * image graph until `github-packages:registryUrl` is set. A token for one GitHub instance never reaches another.
 */
export function registryUrlBeside(baseUrl: string): string | undefined {
  if (baseUrl === DEFAULT_BASE_URL) return GITHUB_COM_REGISTRY_URL;
  const url = new URL(baseUrl);
  if (isLoopback(url.hostname)) return url.origin;
  if (url.pathname.replace(/\/+$/, '') === GHES_API_PATH) return `${url.protocol}//containers.${url.host}`;
  return undefined;
}

/** The environment variables the settings read (the token's fallbacks; the page cache's default directory). */
export const SETTINGS_ENVIRONMENT = ['GITHUB_TOKEN', 'GH_TOKEN', 'XDG_CACHE_HOME', 'HOME'] as const;

/**
 * Resolves settings: token from stack config (`github-packages:token`, set it as a secret), else
 * `GITHUB_TOKEN`, else `GH_TOKEN`. Fails at once, with the fix, when no token is found.
 */
export function resolveProviderSettings(config: ConfigReader, env: NodeJS.ProcessEnv): ProviderSettings {
  refuseUnknownKeys(config);
  const allowInsecureHttp = parseBoolean(config, 'allowInsecureHttp');
  const configToken = config.get(`${CONFIG_NAMESPACE}:token`);
  let token: string | undefined;
  let tokenSource: TokenSource | undefined;
  if (configToken) {
    token = configToken;
    tokenSource = `config:${CONFIG_NAMESPACE}:token`;
  } else if (env.GITHUB_TOKEN) {
    token = env.GITHUB_TOKEN;
    tokenSource = 'env:GITHUB_TOKEN';
  } else if (env.GH_TOKEN) {
    token = env.GH_TOKEN;
    tokenSource = 'env:GH_TOKEN';
  }
  if (!token || !tokenSource) {
    throw new ConfigurationError(
      `${CONFIG_NAMESPACE}:token`,
      'no GitHub token found. Run `pulumi config set --secret github-packages:token <token>`, or export ' +
        'GITHUB_TOKEN (or GH_TOKEN). Classic tokens need read:packages (plus delete:packages to delete, ' +
        'write:packages to restore, and repo for npm, maven, rubygems and nuget packages).',
    );
  }
  if (/\s/.test(token)) {
    throw new ConfigurationError(tokenSource, 'the token contains white space; check how it was copied.');
  }
  // A token travels in an HTTP header, which carries visible ASCII only; a zero-width space or a look-alike letter
  // copied with it would make every request fail far from the cause. Name the character, never the token.
  const bad = /[^\x21-\x7e]/.exec(token);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new ConfigurationError(
      tokenSource,
      `the token contains the character U+${code} at position ${bad.index + 1}; a GitHub token is plain ASCII letters, digits ` +
        'and underscores. Copy it again (invisible characters often come with a copy from a web page or chat).',
    );
  }
  const baseUrl = normalizeBaseUrl(config.get(`${CONFIG_NAMESPACE}:baseUrl`) || DEFAULT_BASE_URL, allowInsecureHttp);
  const host = new URL(baseUrl).hostname;
  const requestPointsPerMinute = parseNumber(config, 'requestPointsPerMinute', GITHUB_COM_POINTS_PER_MINUTE, 10, MAX_POINTS_PER_MINUTE);
  if (requestPointsPerMinute > GITHUB_COM_POINTS_PER_MINUTE && host === new URL(DEFAULT_BASE_URL).hostname) {
    throw new ConfigurationError(
      `${CONFIG_NAMESPACE}:requestPointsPerMinute`,
      `GitHub.com allows ${GITHUB_COM_POINTS_PER_MINUTE} points a minute for REST calls: use ${GITHUB_COM_POINTS_PER_MINUTE} or less ` +
        `(got ${requestPointsPerMinute}). A larger budget is for GitHub Enterprise Server with raised rate limits.`,
    );
  }
  // The interval floor keeps mutations and listings within the budget: 340 ms at 900 points, less for a larger one.
  const minInterval = Math.ceil(
    (MIN_MUTATION_INTERVAL_MS * GITHUB_COM_POINTS_PER_MINUTE) / Math.max(requestPointsPerMinute, GITHUB_COM_POINTS_PER_MINUTE),
  );
  const configuredRegistry = config.get(`${CONFIG_NAMESPACE}:registryUrl`);
  const registryUrl = configuredRegistry ? normalizeTokenUrl('registryUrl', configuredRegistry, allowInsecureHttp) : registryUrlBeside(baseUrl);
  const mutationIntervalMs = parseNumber(config, 'mutationIntervalMs', DEFAULT_MUTATION_INTERVAL_MS, 0, 600_000);
  if (mutationIntervalMs < minInterval && !isLoopback(host)) {
    const perMinute = Math.floor(Math.max(requestPointsPerMinute, GITHUB_COM_POINTS_PER_MINUTE) / 5);
    throw new ConfigurationError(
      `${CONFIG_NAMESPACE}:mutationIntervalMs`,
      `the secondary rate limit allows at most ${perMinute} deletes a minute, listings included: use ${minInterval} ms or ` +
        `more (got ${mutationIntervalMs}). Shorter intervals are only for a local simulator.`,
    );
  }
  return {
    token,
    tokenSource,
    baseUrl,
    registryUrl,
    allowInsecureHttp,
    mutationIntervalMs,
    readConcurrency: parseNumber(config, 'readConcurrency', DEFAULT_READ_CONCURRENCY, 1, 20),
    // Under a second only against a local simulator (the tests of hung requests), whose answers take no network.
    requestTimeoutMs: parseNumber(config, 'requestTimeoutMs', DEFAULT_REQUEST_TIMEOUT_MS, isLoopback(host) ? 100 : 1000, 600_000),
    verifyAttempts: parseNumber(config, 'verifyAttempts', DEFAULT_VERIFY_ATTEMPTS, 1, 20),
    verifyDelayMs: parseNumber(config, 'verifyDelayMs', DEFAULT_VERIFY_DELAY_MS, 0, 60_000),
    requestPointsPerMinute,
    maxRateLimitWaitMs: parseNumber(config, 'maxRateLimitWaitMs', DEFAULT_MAX_RATE_LIMIT_WAIT_MS, 0, 24 * 3_600_000),
    cacheDir: parseCacheDir(config, env),
  };
}

function parseCacheDir(config: ConfigReader, env: NodeJS.ProcessEnv): string {
  const raw = config.get(`${CONFIG_NAMESPACE}:cacheDir`);
  if (raw === undefined || raw === '') return defaultPageDir(env);
  if (raw === 'off' || path.isAbsolute(raw)) return raw;
  throw new ConfigurationError(`${CONFIG_NAMESPACE}:cacheDir`, `must be an absolute directory or "off" (got "${truncate(raw)}").`);
}

/** The packages client's options from the settings: the one place that maps one to the other. */
export function packagesClientOptions(settings: ProviderSettings): PackagesClientOptions {
  return {
    token: settings.token,
    baseUrl: settings.baseUrl,
    mutationIntervalMs: settings.mutationIntervalMs,
    readConcurrency: settings.readConcurrency,
    requestTimeoutMs: settings.requestTimeoutMs,
    pointsPerMinute: settings.requestPointsPerMinute,
    maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
    pageStore: sharedPageStore(settings.cacheDir),
  };
}

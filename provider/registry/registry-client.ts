/**
 * Reads manifests and referrers from a container registry (ghcr.io, GHES, or the simulator) the way registry
 * clients do: `GET /v2/` → 401 `WWW-Authenticate: Bearer realm=…,service=…` → a pull token from the realm for
 * exactly one repository (`repository:<owner>/<name>:pull`), with the GitHub token as the Basic password →
 * `Authorization: Bearer <pull token>`. ghcr refuses the GitHub token itself on /v2/ (Basic → DENIED), and its
 * /v2/ challenge names a placeholder scope, so the scope is always our own. Sources: docs/container-images.md.
 *
 * Neither token is ever logged or put in an error message. One reader per repository for the client's life (the
 * provider process): a manifest read is cached by digest (digests are immutable), so the check and the apply of
 * one `pulumi up`, served by the same process, fetch each manifest once. Failures are not kept past the read
 * that met them (the next plan asks again). At most `concurrency` requests at a time per repository; bytes are
 * checked against the digest. A manifest that cannot be read is a result (`ok: false` with the reason), not an
 * exception: the planner fails closed on it.
 */
import { boundedMap } from '../client/bounded-map';
import { guardedFetch } from '../client/guarded-fetch';
import { nodeHttpFetch } from '../client/node-http-fetch';
import { redactSecrets, registerSecret } from '../redaction';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../client/packages-client';
import { isLoopback } from '../settings/provider-settings';
import { describeManifestFailure, RegistryAuthError } from './registry-errors';
import { parseManifest, type ParsedManifest } from './manifest';
import { MANIFEST_ACCEPT, OCI_INDEX } from './media-types';
import { parseBearerChallenge } from './www-authenticate';

export const DEFAULT_REGISTRY_CONCURRENCY = 4;
const DEFAULT_USERNAME = 'pulumi-github-packages';

export interface RegistryClientOptions {
  /** `https://ghcr.io`, a GHES registry, or the simulator's base URL: no default, the token goes only where the
   * settings say (`registryUrlBeside` in provider-settings.ts). */
  registryUrl: string;
  /** The GitHub token, sent only to the token realm as the Basic password. */
  token: string;
  /** Basic user name; ghcr checks the token, not the name (assumed from public reports). */
  username?: string;
  /** Manifest requests in flight per repository. */
  concurrency?: number;
  /** A request with no answer after this long is aborted (`github-packages:requestTimeoutMs`). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export type ManifestResult = { ok: true; manifest: ParsedManifest } | { ok: false; reason: string };

export interface Referrer {
  digest: string;
  artifactType?: string;
  /** How it was found: the OCI 1.1 endpoint, the OCI fallback tag `sha256-<hex>`, or a cosign tag. */
  source: 'referrers-api' | 'fallback-tag' | 'cosign-tag';
  tag?: string;
}

/**
 * The token realm a registry's challenge names, if the GitHub token may be sent there: only a realm on the
 * registry's own host (ghcr.io's is https://ghcr.io/token; a GHES registry's is on its own host too), over https
 * unless that host is loopback (the simulator). Anything else — another host, http:// — fails closed: the
 * challenge comes from the network, and whoever answers /v2/ must not be able to collect the token.
 */
export function trustedRealm(realm: string, registryUrl: string): URL {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryAuthError(registryUrl, `the registry named a token realm that is not a URL ("${realm.slice(0, 80)}"); the token was not sent`);
  }
  const registry = new URL(registryUrl);
  const loopback = isLoopback(url.hostname);
  if (url.host !== registry.host || url.username || url.password || (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))) {
    throw new RegistryAuthError(
      registryUrl,
      `the registry asked for credentials at the token realm ${url.protocol}//${url.host}${url.pathname}, which is not https on the ` +
        `registry's own host (${registry.host}); the token was not sent there and no manifest is read (fail closed)`,
    );
  }
  return url;
}

export class RegistryClient {
  readonly registryUrl: string;
  private readonly options: Required<Omit<RegistryClientOptions, 'registryUrl'>>;

  constructor(options: RegistryClientOptions) {
    this.registryUrl = options.registryUrl.replace(/\/+$/, '');
    registerSecret(options.token, [options.username ?? DEFAULT_USERNAME]);
    this.options = {
      token: options.token,
      username: options.username ?? DEFAULT_USERNAME,
      concurrency: options.concurrency ?? DEFAULT_REGISTRY_CONCURRENCY,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Redirects only to the same address, bodies bounded: a manifest is a few KB. The API client's transport, not
      // the global fetch (client/node-http-fetch.ts says why).
      fetch: guardedFetch(options.fetch ?? nodeHttpFetch, { setting: 'github-packages:registryUrl' }),
    };
  }

  private readonly readers = new Map<string, RepositoryReader>();

  /** The reader for `<owner>/<name>` (the owner's login; registries use it lower-case), the same one each time. */
  repository(owner: string, name: string): RepositoryReader {
    const repository = `${owner.toLowerCase()}/${name}`;
    let reader = this.readers.get(repository);
    if (!reader) {
      reader = new RepositoryReader(this.registryUrl, repository, this.options);
      this.readers.set(repository, reader);
    }
    return reader;
  }
}

export type RegistryAccess = { ok: true } | { ok: false; reason: string };

export class RepositoryReader {
  /** Requests sent to the registry by this reader (tests assert "once per digest"). */
  requests = 0;
  private readonly cache = new Map<string, Promise<ManifestResult>>();
  private pullToken: Promise<string | undefined> | undefined;

  constructor(
    private readonly registryUrl: string,
    readonly repository: string,
    private readonly options: Required<Omit<RegistryClientOptions, 'registryUrl'>>,
  ) {}

  /**
   * Whether the registry gives this repository a pull token at all (a token refused, not a container registry,
   * unreachable). The answer to a refusal is not kept: the next call asks again.
   */
  async access(): Promise<RegistryAccess> {
    try {
      await this.token(false);
      return { ok: true };
    } catch (err) {
      this.pullToken = undefined;
      return {
        ok: false,
        reason:
          err instanceof RegistryAuthError ? err.message : `container registry ${this.registryUrl} could not be reached: ${(err as Error).message}`,
      };
    }
  }

  /** Every digest's manifest, fetched at most once each, `concurrency` at a time. */
  async manifests(digests: readonly string[]): Promise<Map<string, ManifestResult>> {
    const unique = [...new Set(digests)];
    const results = await boundedMap(unique, this.options.concurrency, (d) => this.manifest(d));
    // Only what was read stays cached: a refusal or a timeout may not be the answer next time.
    unique.forEach((d, i) => {
      if (!results[i].ok) this.cache.delete(d);
    });
    return new Map(unique.map((d, i) => [d, results[i]]));
  }

  manifest(digest: string): Promise<ManifestResult> {
    let cached = this.cache.get(digest);
    if (!cached) {
      cached = this.fetchManifest(digest);
      this.cache.set(digest, cached);
    }
    return cached;
  }

  /**
   * Referrers of `digest`: the OCI 1.1 endpoint where the registry has it; else the OCI fallback tag
   * `sha256-<hex>` (an index of referrers); else cosign's `sha256-<hex>.sig`, `.att`, `.sbom` tags.
   * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers
   */
  async referrers(digest: string): Promise<Referrer[]> {
    const api = await this.get(`/v2/${this.repository}/referrers/${digest}`, OCI_INDEX);
    if (api.status === 200) {
      const body = JSON.parse(Buffer.from(api.bytes).toString('utf8')) as { manifests?: Array<{ digest: string; artifactType?: string }> };
      return (body.manifests ?? []).map((m) => ({
        digest: m.digest,
        ...(m.artifactType ? { artifactType: m.artifactType } : {}),
        source: 'referrers-api' as const,
      }));
    }
    if (api.status !== 404) throw new Error(`the registry answered ${api.status} to the referrers request for ${digest}`);
    const tag = digest.replace(':', '-');
    const fallback = await this.get(`/v2/${this.repository}/manifests/${tag}`, MANIFEST_ACCEPT);
    if (fallback.status === 200) {
      const body = JSON.parse(Buffer.from(fallback.bytes).toString('utf8')) as { manifests?: Array<{ digest: string; artifactType?: string }> };
      return (body.manifests ?? []).map((m) => ({
        digest: m.digest,
        ...(m.artifactType ? { artifactType: m.artifactType } : {}),
        source: 'fallback-tag' as const,
        tag,
      }));
    }
    const found: Referrer[] = [];
    for (const suffix of ['sig', 'att', 'sbom']) {
      const res = await this.get(`/v2/${this.repository}/manifests/${tag}.${suffix}`, MANIFEST_ACCEPT, 'HEAD');
      const d = res.headers.get('docker-content-digest');
      if (res.status === 200 && d) found.push({ digest: d, source: 'cosign-tag', tag: `${tag}.${suffix}` });
    }
    return found;
  }

  private async fetchManifest(digest: string): Promise<ManifestResult> {
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return { ok: false, reason: `"${digest}" is not a sha256 digest` };
    try {
      const res = await this.get(`/v2/${this.repository}/manifests/${digest}`, MANIFEST_ACCEPT);
      if (res.status !== 200) return { ok: false, reason: describeManifestFailure(res.status, digest) };
      return { ok: true, manifest: parseManifest(digest, res.bytes, res.headers.get('content-type')) };
    } catch (err) {
      return { ok: false, reason: redactSecrets(`manifest ${digest} could not be read: ${(err as Error).message}`) };
    }
  }

  /** A GET/HEAD with the pull token; on a 401 the token is fetched again once (it may have expired). */
  private async get(path: string, accept: string, method: 'GET' | 'HEAD' = 'GET'): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(attempt > 0);
      this.requests++;
      const res = await this.options.fetch(this.registryUrl + path, {
        method,
        headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.status === 401 && attempt === 0) continue;
      return { status: res.status, headers: res.headers, bytes };
    }
  }

  private token(renew: boolean): Promise<string | undefined> {
    if (!this.pullToken || renew) {
      // A failure is kept for this reader too: one refusal makes every manifest unreadable, without a retry storm.
      this.pullToken = this.fetchToken();
    }
    return this.pullToken;
  }

  private async fetchToken(): Promise<string | undefined> {
    this.requests++;
    const probe = await this.options.fetch(`${this.registryUrl}/v2/`, { signal: AbortSignal.timeout(this.options.requestTimeoutMs) });
    await probe.arrayBuffer();
    if (probe.status === 200) return undefined; // no authentication required
    const challenge = probe.status === 401 ? parseBearerChallenge(probe.headers.get('www-authenticate')) : undefined;
    if (!challenge)
      throw new RegistryAuthError(
        this.registryUrl,
        `GET /v2/ answered ${probe.status} without a Bearer challenge; is github-packages:registryUrl a container registry?`,
      );
    const url = trustedRealm(challenge.realm, this.registryUrl);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', `repository:${this.repository}:pull`);
    const basic = Buffer.from(`${this.options.username}:${this.options.token}`).toString('base64');
    this.requests++;
    // The guarded fetch follows a redirect only to the same address: the Basic credentials go nowhere else.
    const res = await this.options.fetch(url, {
      headers: { authorization: `Basic ${basic}` },
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    const text = await res.text();
    if (res.status !== 200) {
      throw new RegistryAuthError(
        this.registryUrl,
        `the token service refused a pull token for ${this.repository} (HTTP ${res.status}); a classic token needs read:packages, and access to the package`,
      );
    }
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new RegistryAuthError(this.registryUrl, 'the token service answered with something that is not JSON');
    }
    const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : undefined;
    if (!token) throw new RegistryAuthError(this.registryUrl, 'the token service answered without a token');
    return token;
  }
}

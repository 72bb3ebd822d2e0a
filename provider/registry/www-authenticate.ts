/**
 * Parses a `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` challenge (the registry token flow:
 * https://distribution.github.io/distribution/spec/auth/token/). ghcr's `/v2/` challenge carries a placeholder
 * scope (`repository:user/image:pull`), so the caller always substitutes the repository it wants.
 */
export interface BearerChallenge {
  realm: string;
  service?: string;
  scope?: string;
}

export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header) return undefined;
  const m = /^\s*bearer\s+(.*)$/i.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[1].matchAll(/([a-z_]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/gi)) params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
  if (!params.realm) return undefined;
  return { realm: params.realm, ...(params.service ? { service: params.service } : {}), ...(params.scope ? { scope: params.scope } : {}) };
}

/**
 * Removes credentials from any text the provider shows: error messages, warnings, outputs, log lines.
 *
 * Two nets. Patterns catch anything that looks like a GitHub token or an Authorization value. They cannot catch
 * a token of a format they do not know (a 40-hex classic token of the older format, a GHES or proxy token), so
 * the tokens the provider actually holds are also registered here, and removed exactly — with the forms a server
 * may echo: the Basic credentials built from them (base64 of `user:token`), base64 of the token alone, and the
 * URL-encoded token.
 */

const TOKEN_PATTERNS: RegExp[] = [
  // Classic, OAuth, user-to-server, server-to-server and refresh tokens; fine-grained PATs.
  /\b(?:gh[pousr]_[A-Za-z0-9_]+|github_pat_[A-Za-z0-9_]+)/g,
  // Anything after an authorization scheme.
  /\b(authorization["']?\s*[:=]\s*["']?(?:(?:token|bearer|basic)\s+)?)[^\s"']+/gi,
  // Credentials in URLs: ?token=…, &access_token=…, https://user:secret@host
  /([?&](?:access_token|token|client_secret)=)[^&#\s]+/gi,
  /(\/\/[^/\s:@]+:)[^@\s/]+@/g,
];

/** Shorter strings are not registered: removing them would mangle ordinary words (and no real token is this short). */
const MIN_SECRET_LENGTH = 8;

/** Every exact form of every secret in use in this process, longest first. */
let knownForms: string[] = [];

/**
 * The forms of `secret` a server might echo. `basicUsers`: user names sent with it as Basic credentials, whose
 * whole Basic value is removed. For any other user name (`x-access-token:…`, `oauth2:…`) the secret's bytes sit at
 * one of three offsets in the base64 text, so the part of each of the three encodings that depends on the secret
 * alone is registered too: only a character or three at each end, never enough to rebuild it, survive.
 */
function formsOf(secret: string, basicUsers: readonly string[]): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString('base64');
    forms.add(encoded.slice(offset > 0 ? 4 : 0, -4));
  }
  for (const user of basicUsers) {
    const basic = Buffer.from(`${user}:${secret}`).toString('base64');
    forms.add(basic);
    // Without padding too: some servers and logs strip it.
    forms.add(basic.replace(/=+$/, ''));
  }
  return [...forms];
}

/**
 * Registers a secret this process holds (the configured token) so that it is removed, exactly, from everything
 * `redactSecrets` sees. `basicUsers` are the user names it is sent with as Basic credentials.
 */
export function registerSecret(secret: string, basicUsers: readonly string[] = []): void {
  if (secret.length < MIN_SECRET_LENGTH) return;
  const forms = formsOf(secret, basicUsers).filter((f) => f.length >= MIN_SECRET_LENGTH);
  knownForms = [...new Set([...knownForms, ...forms])].sort((a, b) => b.length - a.length);
}

/**
 * Replaces only the registered secrets, exactly. For data (outputs, state): patterns there would also hit an
 * innocent package named `ghp_tools`.
 */
export function redactKnownSecrets(text: string): string {
  let out = text;
  for (const form of knownForms) if (out.includes(form)) out = out.split(form).join('[REDACTED]');
  return out;
}

/** `value` with every string in it (keys included) passed through `redactKnownSecrets`. */
export function redactKnownSecretsDeep<T>(value: T): T {
  if (knownForms.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactKnownSecrets(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactKnownSecrets(k), walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** Replaces the registered secrets and anything that looks like a credential with `[REDACTED]`. For text. */
export function redactSecrets(text: string): string {
  let out = redactKnownSecrets(text);
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && prefix.length < match.length ? `${prefix}[REDACTED]` : '[REDACTED]',
    );
  }
  return out;
}

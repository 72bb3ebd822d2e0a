import {
  ApiError,
  BadCredentialsError,
  DownloadLimitError,
  ForeignLinkError,
  LastVersionError,
  MissingScopesError,
  NameTakenError,
  NotFoundOrNoAccessError,
  OrgAdminRequiredError,
  RateLimitExhaustedError,
  RestoreWindowClosedError,
  SsoAuthorizationRequiredError,
  redactSecrets,
  type ErrorContext,
} from '../../provider/errors';
import { toProviderError } from '../../provider/client/to-provider-error';

const TOKEN = 'ghp_unitTestToken1234567890abcdef';
const org = { kind: 'org' as const, login: 'acme' };

/** Shaped like octokit's RequestError, including the request headers that carry the token. */
function requestError(status: number, message: string, headers: Record<string, string> = {}) {
  const err = new Error(`${message} - https://docs.github.com/rest`) as Error & Record<string, unknown>;
  err.name = 'HttpError';
  Object.assign(err, {
    status,
    request: { method: 'DELETE', url: `https://api.github.com/x?access_token=${TOKEN}`, headers: { authorization: `token ${TOKEN}` } },
    response: {
      status,
      url: 'https://api.github.com/x',
      headers,
      data: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
    },
  });
  return err;
}

const del: ErrorContext = { action: 'delete', owner: org, packageType: 'container', packageName: 'team/app', versionId: 7 };
const restore: ErrorContext = { ...del, action: 'restore' };

describe('toProviderError', () => {
  it('401 → BadCredentialsError telling where to set the token', () => {
    const e = toProviderError(requestError(401, 'Bad credentials'), del);
    expect(e).toBeInstanceOf(BadCredentialsError);
    expect(e.message).toMatch(/pulumi config set --secret github-packages:token/);
    expect(e.message).toMatch(/GITHUB_TOKEN/);
  });

  it('403 with X-GitHub-SSO shows the authorization URL', () => {
    const url = 'https://github.com/orgs/acme/sso?authorization_request=abc';
    const e = toProviderError(
      requestError(403, 'Resource protected by organization SAML enforcement.', { 'x-github-sso': `required; url=${url}` }),
      del,
    );
    expect(e).toBeInstanceOf(SsoAuthorizationRequiredError);
    expect((e as SsoAuthorizationRequiredError).authorizationUrl).toBe(url);
    expect(e.message).toContain(url);
  });

  it('404 says not found or not visible, with the scopes that matter for the type', () => {
    const e = toProviderError(requestError(404, 'Not Found'), { ...del, packageType: 'npm' });
    expect(e).toBeInstanceOf(NotFoundOrNoAccessError);
    expect(e.message).toMatch(/not found or is not visible to this token/);
    expect(e.message).toContain("'read:packages', 'delete:packages', 'repo'");
    expect(e.message).toMatch(/admin role/); // org delete
  });

  it('403 scope refusal with X-OAuth-Scopes → MissingScopesError naming exactly the missing scopes', () => {
    const e = toProviderError(
      requestError(403, 'You need at least delete:packages scope to delete packages.', { 'x-oauth-scopes': 'read:packages' }),
      del,
    );
    expect(e).toBeInstanceOf(MissingScopesError);
    expect((e as MissingScopesError).missing).toEqual(['delete:packages']);
    expect(e.message).toContain('gh auth refresh -h github.com -s delete:packages');
  });

  it('org 403 about admin rights → OrgAdminRequiredError', () => {
    const e = toProviderError(
      requestError(403, 'Must have admin rights to Package. To delete this package you need the admin role in the organization acme.', {
        'x-oauth-scopes': 'read:packages, write:packages, delete:packages, repo',
      }),
      del,
    );
    expect(e).toBeInstanceOf(OrgAdminRequiredError);
    expect(e.message).toMatch(/not an admin of acme/);
  });

  it('last (tagged) version → LastVersionError pointing to the Package resource', () => {
    const e = toProviderError(requestError(400, 'You cannot delete the last tagged version of a package. You must delete the package instead.'), del);
    expect(e).toBeInstanceOf(LastVersionError);
    expect(e.message).toMatch(/`Package` resource .* state "deleted"/);
  });

  it('5,000 downloads → DownloadLimitError pointing to GitHub Support', () => {
    const e = toProviderError(
      requestError(
        400,
        'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.',
      ),
      del,
    );
    expect(e).toBeInstanceOf(DownloadLimitError);
    expect(e.message).toContain('https://support.github.com/contact');
  });

  it('409 on restore → NameTakenError', () => {
    expect(toProviderError(requestError(409, 'A package with the same name and type now exists.'), restore)).toBeInstanceOf(NameTakenError);
  });

  it('restore window: says when it closed when deleted_at is known', () => {
    const e = toProviderError(requestError(410, 'Gone'), { ...restore, deletedAt: '2026-01-01T00:00:00Z' });
    expect(e).toBeInstanceOf(RestoreWindowClosedError);
    expect(e.message).toContain('2026-01-31T00:00:00.000Z');
  });

  it('rate limits that survived the retries → RateLimitExhaustedError with the reset time', () => {
    const primary = toProviderError(
      requestError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' }),
      del,
    );
    expect(primary).toBeInstanceOf(RateLimitExhaustedError);
    expect(primary.message).toContain(new Date(1800000000 * 1000).toISOString());
    const secondary = toProviderError(requestError(429, 'You have exceeded a secondary rate limit.'), del);
    expect((secondary as RateLimitExhaustedError).kind).toBe('secondary');
  });

  it('anything else → ApiError with status and GitHub message', () => {
    const e = toProviderError(requestError(422, 'Validation Failed'), del);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toMatch(/422 Validation Failed/);
  });

  it('never carries the token: not in message, stack, properties or JSON', () => {
    const cases = [
      requestError(401, 'Bad credentials'),
      requestError(404, 'Not Found'),
      requestError(500, `boom ${TOKEN}`),
      requestError(422, `echo Authorization: token ${TOKEN}`),
      new Error(`fetch failed for https://x.test/?token=${TOKEN}`),
    ];
    for (const c of cases) {
      const e = toProviderError(c, del);
      expect(e).not.toBe(c);
      const everything = [e.message, e.stack ?? '', JSON.stringify(e), JSON.stringify(Object.entries(e))].join('\n');
      expect(everything).not.toContain(TOKEN);
      expect((e as unknown as Record<string, unknown>).request).toBeUndefined();
      expect((e as unknown as Record<string, unknown>).cause).toBeUndefined();
    }
  });
});

describe('redactSecrets', () => {
  it.each([
    [`token ${TOKEN}`, TOKEN],
    ['github_pat_11ABCDEFG_abcdefghijklmnop', 'github_pat_11ABCDEFG'],
    ['https://u:secretpass@host/x', 'secretpass'],
    ['https://h/x?a=1&access_token=s3cr3t', 's3cr3t'],
    ['Authorization: Bearer abc.def', 'abc.def'],
  ])('redacts %s', (input, secret) => {
    expect(redactSecrets(input)).not.toContain(secret);
    expect(redactSecrets(input)).toContain('[REDACTED]');
  });
});

describe('ForeignLinkError', () => {
  it('names both origins and the setting to check', () => {
    const e = new ForeignLinkError('https://evil.example/user/packages?page=2', 'https://api.github.com');
    expect(e.message).toContain('https://evil.example');
    expect(e.message).toMatch(/baseUrl/);
  });
});

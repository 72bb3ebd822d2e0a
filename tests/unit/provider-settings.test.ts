import { listingConfigReader, resolveProviderSettings } from '../../provider/settings/provider-settings';

const TOKEN = 'ghp_settingsTestToken0123456789';
const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe('provider settings', () => {
  it('takes the token from stack config first, then GITHUB_TOKEN, then GH_TOKEN', () => {
    expect(resolveProviderSettings(config({ 'github-packages:token': TOKEN }), { GITHUB_TOKEN: 'x', GH_TOKEN: 'y' })).toMatchObject({
      token: TOKEN,
      tokenSource: 'config:github-packages:token',
    });
    expect(resolveProviderSettings(config({}), { GITHUB_TOKEN: TOKEN, GH_TOKEN: 'y' }).tokenSource).toBe('env:GITHUB_TOKEN');
    expect(resolveProviderSettings(config({}), { GH_TOKEN: TOKEN }).tokenSource).toBe('env:GH_TOKEN');
  });

  it('defaults to api.github.com, one mutation a second and 4 concurrent reads', () => {
    expect(resolveProviderSettings(config({}), { GITHUB_TOKEN: TOKEN })).toMatchObject({
      baseUrl: 'https://api.github.com',
      mutationIntervalMs: 1000,
      readConcurrency: 4,
      requestTimeoutMs: 30000,
      allowInsecureHttp: false,
      // A mutation's effect is read back up to 4 times, a second apart, before it is called missing.
      verifyAttempts: 4,
      verifyDelayMs: 1000,
      // GitHub.com's secondary limit for REST calls.
      requestPointsPerMinute: 900,
    });
  });

  it('takes a request budget up to GitHub.com’s 900 points a minute there, and what a GHES or a simulator allows elsewhere', () => {
    const ghes = { 'github-packages:baseUrl': 'https://ghe.example.com/api/v3' };
    const env = { GITHUB_TOKEN: TOKEN };
    expect(resolveProviderSettings(config({ 'github-packages:requestPointsPerMinute': '450' }), env).requestPointsPerMinute).toBe(450);
    expect(() => resolveProviderSettings(config({ 'github-packages:requestPointsPerMinute': '1800' }), env)).toThrow(
      /requestPointsPerMinute: GitHub.com allows 900 points a minute for REST calls: use 900 or less \(got 1800\)/,
    );
    expect(resolveProviderSettings(config({ ...ghes, 'github-packages:requestPointsPerMinute': '9000' }), env).requestPointsPerMinute).toBe(9000);
    expect(() => resolveProviderSettings(config({ 'github-packages:requestPointsPerMinute': '5' }), env)).toThrow(
      /requestPointsPerMinute: must be a whole number from 10 to 1000000/,
    );
    // The mutation interval's floor follows a larger budget: 9,000 points a minute allow one DELETE every 34 ms.
    const fast = { ...ghes, 'github-packages:requestPointsPerMinute': '9000' };
    expect(resolveProviderSettings(config({ ...fast, 'github-packages:mutationIntervalMs': '34' }), env).mutationIntervalMs).toBe(34);
    expect(() => resolveProviderSettings(config({ ...fast, 'github-packages:mutationIntervalMs': '33' }), env)).toThrow(
      /at most 1800 deletes a minute, listings included: use 34 ms or more/,
    );
    // A smaller budget does not raise the floor: the budget itself paces the requests.
    expect(
      resolveProviderSettings(config({ 'github-packages:requestPointsPerMinute': '100', 'github-packages:mutationIntervalMs': '340' }), env)
        .mutationIntervalMs,
    ).toBe(340);
  });

  it('reads verifyAttempts and verifyDelayMs, refusing values outside their bounds', () => {
    const s = resolveProviderSettings(config({ 'github-packages:verifyAttempts': '1', 'github-packages:verifyDelayMs': '0' }), {
      GITHUB_TOKEN: TOKEN,
    });
    expect(s).toMatchObject({ verifyAttempts: 1, verifyDelayMs: 0 });
    expect(() => resolveProviderSettings(config({ 'github-packages:verifyAttempts': '0' }), { GITHUB_TOKEN: TOKEN })).toThrow(
      /verifyAttempts: must be a whole number from 1 to 20/,
    );
    expect(() => resolveProviderSettings(config({ 'github-packages:verifyDelayMs': '61000' }), { GITHUB_TOKEN: TOKEN })).toThrow(
      /verifyDelayMs: must be a whole number from 0 to 60000/,
    );
  });

  it('takes a request timeout under a second only against a local simulator', () => {
    const loopback = { 'github-packages:baseUrl': 'http://127.0.0.1:4000', 'github-packages:requestTimeoutMs': '100' };
    expect(resolveProviderSettings(config(loopback), { GITHUB_TOKEN: TOKEN }).requestTimeoutMs).toBe(100);
    expect(() =>
      resolveProviderSettings(config({ ...loopback, 'github-packages:baseUrl': 'https://ghe.example.com/api/v3' }), { GITHUB_TOKEN: TOKEN }),
    ).toThrow(/requestTimeoutMs: must be a whole number from 1000 to 600000/);
  });

  it('keeps answers for conditional reads in the user cache directory unless told otherwise', () => {
    const at = (cacheDir: string | undefined, env: NodeJS.ProcessEnv = {}) =>
      resolveProviderSettings(config(cacheDir === undefined ? {} : { 'github-packages:cacheDir': cacheDir }), { GITHUB_TOKEN: TOKEN, ...env })
        .cacheDir;
    expect(at(undefined, { XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/pulumi-github-packages/pages');
    expect(at(undefined, { HOME: '/home/x' })).toMatch(/\/\.cache\/pulumi-github-packages\/pages$/);
    expect(at('off')).toBe('off');
    expect(at('/tmp/pages')).toBe('/tmp/pages');
    expect(() => at('relative/dir')).toThrow(/cacheDir: must be an absolute directory or "off"/);
  });

  it('accepts a GitHub Enterprise Server base URL and strips the trailing slash', () => {
    const s = resolveProviderSettings(config({ 'github-packages:baseUrl': 'https://ghe.example.com/api/v3/' }), { GITHUB_TOKEN: TOKEN });
    expect(s.baseUrl).toBe('https://ghe.example.com/api/v3');
  });

  it.each([
    [{}, {}, /github-packages:token: no GitHub token found.*pulumi config set --secret github-packages:token/],
    [{ 'github-packages:baseUrl': 'not a url' }, { GITHUB_TOKEN: TOKEN }, /github-packages:baseUrl: "not a url" is not a URL/],
    [{ 'github-packages:baseUrl': 'ftp://x.example' }, { GITHUB_TOKEN: TOKEN }, /scheme must be https/],
    [{ 'github-packages:baseUrl': 'http://ghe.example.com/api/v3' }, { GITHUB_TOKEN: TOKEN }, /clear text.*allowInsecureHttp/],
    [{ 'github-packages:baseUrl': 'https://user:pw@ghe.example.com' }, { GITHUB_TOKEN: TOKEN }, /must not contain credentials/],
    [{ 'github-packages:baseUrl': 'https://ghe.example.com/api/v3?x=1' }, { GITHUB_TOKEN: TOKEN }, /query or fragment/],
    [{ 'github-packages:mutationIntervalMs': '-1' }, { GITHUB_TOKEN: TOKEN }, /mutationIntervalMs: must be a whole number/],
    [{ 'github-packages:mutationIntervalMs': '100' }, { GITHUB_TOKEN: TOKEN }, /at most 180 deletes a minute/],
    [{ 'github-packages:readConcurrency': '500' }, { GITHUB_TOKEN: TOKEN }, /readConcurrency: must be a whole number from 1 to 20/],
    [{ 'github-packages:requestTimeoutMs': '10' }, { GITHUB_TOKEN: TOKEN }, /requestTimeoutMs: must be a whole number from 1000 to 600000/],
    [{ 'github-packages:allowInsecureHttp': 'yes' }, { GITHUB_TOKEN: TOKEN }, /must be true or false/],
    [{}, { GITHUB_TOKEN: 'ghp_ with space' }, /white space/],
  ])('rejects %j with the fix in the message', (values, env, message) => {
    let error: Error | undefined;
    try {
      resolveProviderSettings(config(values), env);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(TOKEN);
  });

  it('allows http and a zero mutation interval on loopback only (the simulator)', () => {
    const s = resolveProviderSettings(config({ 'github-packages:baseUrl': 'http://127.0.0.1:4010', 'github-packages:mutationIntervalMs': '0' }), {
      GITHUB_TOKEN: TOKEN,
    });
    expect(s).toMatchObject({ baseUrl: 'http://127.0.0.1:4010', mutationIntervalMs: 0 });
    expect(
      resolveProviderSettings(config({ 'github-packages:baseUrl': 'http://ghe.internal', 'github-packages:allowInsecureHttp': 'true' }), {
        GITHUB_TOKEN: TOKEN,
      }).baseUrl,
    ).toBe('http://ghe.internal');
  });
});

describe('keys of the github-packages namespace', () => {
  /** A reader that lists its keys, as the dynamic provider's config does (listingConfigReader). */
  const listing = (values: Record<string, string>) => ({ get: (key: string) => values[key], keys: () => Object.keys(values) });

  it('refuses one that is no setting, with the closest setting and the fix', () => {
    expect(() => resolveProviderSettings(listing({ 'github-packages:baseURL': 'https://ghe.example.com/api/v3' }), { GITHUB_TOKEN: TOKEN })).toThrow(
      /^github-packages:baseURL: is not a setting of pulumi-github-packages; did you mean github-packages:baseUrl\? The settings are token, baseUrl, .*`pulumi config rm github-packages:baseURL`/,
    );
    expect(() => resolveProviderSettings(listing({ 'github-packages:mutationInterval': '500' }), { GITHUB_TOKEN: TOKEN })).toThrow(
      /did you mean github-packages:mutationIntervalMs\?/,
    );
    expect(() => resolveProviderSettings(listing({ 'github-packages:colour': 'blue' }), { GITHUB_TOKEN: TOKEN })).toThrow(
      /^github-packages:colour: is not a setting of pulumi-github-packages\. The settings are/,
    );
  });

  it("leaves other namespaces alone (the project's own keys, other providers')", () => {
    const s = resolveProviderSettings(listing({ 'aws:region': 'eu-west-1', 'my-project:baseURL': 'x', 'github-packages:readConcurrency': '2' }), {
      GITHUB_TOKEN: TOKEN,
    });
    expect(s.readConcurrency).toBe(2);
  });

  it("lists the keys of Pulumi's dynamic provider config (its rawConfig)", () => {
    const rawConfig = { 'github-packages:token': TOKEN, 'github-packages:baseURL': 'https://x.example/api/v3' };
    const dynamicConfig = { rawConfig, get: (key: string) => rawConfig[key as keyof typeof rawConfig] };
    expect(() => resolveProviderSettings(listingConfigReader(dynamicConfig), {})).toThrow(/did you mean github-packages:baseUrl\?/);
  });
});

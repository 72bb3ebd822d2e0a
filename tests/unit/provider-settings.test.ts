import { resolveProviderSettings } from '../../provider/settings/provider-settings';

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
    });
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

/**
 * One resolver for every provider setting: the container registry's URL is checked by the same rules as the API's
 * (loopback, allowInsecureHttp, credentials), and every setting the client takes reaches it from one mapping.
 */
import { sharedPageStore } from '../../provider/client/page-store';
import { createProviderContext } from '../../provider/resources/provider-context';
import { packagesClientOptions, resolveProviderSettings } from '../../provider/settings/provider-settings';
import type { PackagesClientOptions } from '../../provider/client/packages-client';

const TOKEN = 'ghp_oneResolverTestToken0123456789';
const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const registryOf = (values: Record<string, string>) =>
  createProviderContext({ config: config({ 'github-packages:token': TOKEN, ...values }), env: {} }).registry!()!.registryUrl;

describe('the container registry URL', () => {
  it('defaults to ghcr.io and takes a GHES registry without its trailing slash', () => {
    expect(registryOf({})).toBe('https://ghcr.io');
    expect(registryOf({ 'github-packages:registryUrl': 'https://containers.ghes.example/' })).toBe('https://containers.ghes.example');
  });

  it('is loopback on any 127.x.y.z address, as the API base URL is (a simulator may listen there)', () => {
    const values = { 'github-packages:baseUrl': 'http://127.0.0.2:4000', 'github-packages:registryUrl': 'http://127.0.0.2:5000' };
    expect(resolveProviderSettings(config({ 'github-packages:token': TOKEN, ...values }), {}).baseUrl).toBe('http://127.0.0.2:4000');
    expect(registryOf(values)).toBe('http://127.0.0.2:5000');
  });

  it('refuses clear text to another host unless allowInsecureHttp is true, and credentials in the URL', () => {
    expect(() => registryOf({ 'github-packages:registryUrl': 'http://registry.example' })).toThrow(
      /github-packages:registryUrl: http:\/\/ to registry\.example would send the token in clear text/,
    );
    expect(registryOf({ 'github-packages:registryUrl': 'http://registry.example', 'github-packages:allowInsecureHttp': 'true' })).toBe(
      'http://registry.example',
    );
    expect(() => registryOf({ 'github-packages:registryUrl': 'https://u:p@ghcr.io' })).toThrow(/registryUrl: must not contain credentials/);
    expect(() => registryOf({ 'github-packages:registryUrl': 'ftp://ghcr.io' })).toThrow(/registryUrl: the scheme must be https/);
  });

  it('is part of the resolved settings, so a bad allowInsecureHttp is refused whichever URL is resolved first', () => {
    expect(resolveProviderSettings(config({ 'github-packages:token': TOKEN }), {}).registryUrl).toBe('https://ghcr.io');
    expect(() => registryOf({ 'github-packages:allowInsecureHttp': 'yes' })).toThrow(/allowInsecureHttp: must be true or false/);
  });
});

describe('settings → client', () => {
  it('hands every setting the packages client has an option for to the client', () => {
    const settings = resolveProviderSettings(
      config({
        'github-packages:token': TOKEN,
        'github-packages:baseUrl': 'http://127.0.0.1:4000',
        'github-packages:mutationIntervalMs': '5',
        'github-packages:readConcurrency': '7',
        'github-packages:requestTimeoutMs': '1234',
        'github-packages:requestPointsPerMinute': '4321',
        'github-packages:maxRateLimitWaitMs': '60000',
      }),
      {},
    );
    const options: PackagesClientOptions = packagesClientOptions(settings);
    expect(options).toEqual({
      token: TOKEN,
      baseUrl: 'http://127.0.0.1:4000',
      mutationIntervalMs: 5,
      readConcurrency: 7,
      requestTimeoutMs: 1234,
      pointsPerMinute: 4321,
      maxRateLimitWaitMs: 60000,
      pageStore: sharedPageStore(settings.cacheDir),
    });
  });
});

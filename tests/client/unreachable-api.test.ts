/**
 * An API that cannot be reached is named: the message says which URL (github-packages:baseUrl) and why, not
 * "500 server error or unreachable server". A host name that does not exist fails at once, without retries.
 */
import * as net from 'net';
import { ApiError } from '../../provider/errors';
import { PackagesClient } from '../../provider/client';
import { FakeClock } from './fake-clock';
import { expectTokenFreeRejection, FIXTURE_TOKENS } from './sim-helpers';

const web = { owner: { kind: 'org' as const, login: 'acme' }, packageType: 'container' as const, name: 'web' };

function clientAt(baseUrl: string, fetchImpl?: typeof fetch) {
  const clock = new FakeClock();
  const client = new PackagesClient({
    token: FIXTURE_TOKENS.admin,
    baseUrl,
    clock,
    log: { warn: () => undefined },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return { client, clock };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('an API that cannot be reached', () => {
  it('connection refused: named by its URL and the setting, with the cause, after the retries', async () => {
    const port = await closedPort();
    const { client } = clientAt(`http://127.0.0.1:${port}`);
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(
      new RegExp(
        `^Could not reach the GitHub API at http://127\\.0\\.0\\.1:${port} \\(github-packages:baseUrl\\) to read container package "web" of organization acme .*ECONNREFUSED`,
      ),
    );
    expect(err.message).not.toMatch(/server error or unreachable server/);
  });

  it('a host name that does not resolve: named at once, no retries', async () => {
    const calls: string[] = [];
    // What undici's fetch throws when DNS says the name does not exist.
    const dnsFailure: typeof fetch = async (input) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND ghe.exmaple.com'), { code: 'ENOTFOUND', hostname: 'ghe.exmaple.com' }),
      });
    };
    const { client, clock } = clientAt('https://ghe.exmaple.com/api/v3', dnsFailure);
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err.message).toMatch(
      /^Could not reach the GitHub API at https:\/\/ghe\.exmaple\.com\/api\/v3 \(github-packages:baseUrl\): the host name ghe\.exmaple\.com does not resolve/,
    );
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

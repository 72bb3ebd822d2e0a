import { ApiError } from '../../provider/errors';
import { clientFor, expectTokenFreeRejection, startSimulator, type RunningSimulator } from './sim-helpers';

const web = { owner: { kind: 'org' as const, login: 'acme' }, packageType: 'container' as const, name: 'web' };

describe('client robustness against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('aborts a request nobody answers after requestTimeoutMs and retries it, instead of waiting minutes', async () => {
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 1 }, fault: { delayMs: 1500 } });
    const { client, clock } = clientFor(sim, 'admin', { requestTimeoutMs: 200 });
    const started = Date.now();
    const versions = await client.listVersions(web);
    expect(versions.map((v) => v.id)).toContain(100113);
    expect(Date.now() - started).toBeLessThan(1400); // the 1.5 s answer was not awaited
    expect(clock.sleeps.length).toBeGreaterThan(0); // plugin-retry's back-off, on the injected clock
    expect(sim.log.filter((e) => e.path.endsWith('/versions')).length).toBe(2);
  });

  it('refuses a listing page that is not a JSON list, with a clear error, instead of planning from it', async () => {
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 1 }, fault: { status: 200, body: { message: 'truncated?' } } });
    const { client } = clientFor(sim, 'admin');
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/was not the expected JSON list .* nothing was changed/);
  });
});

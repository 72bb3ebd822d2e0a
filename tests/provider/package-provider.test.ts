import { createPackageProvider } from '../../provider/resources/package-provider';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

const ui = { org: 'acme', packageType: 'npm', packageName: 'ui' };

describe('Package provider against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const provider = (label: Parameters<typeof contextFor>[1] = 'admin') => createPackageProvider(contextFor(sim, label));

  it.each([
    [{ ...ui, state: 'archived' }, 'state'],
    [{ ...ui, packageType: 'apt' }, 'packageType'],
    [{ ...ui, packageName: 'a/b', state: 'deleted' }, 'packageName'], // only container names may hold "/"
    [{ ...ui, user: 'hubot', state: 'deleted' }, 'org'],
    [{ ...ui, state: 'deleted', stat: 'active' }, 'stat'],
    [{ ...ui, state: 'deleted', __state: 'active' }, '__state'],
    [{ ...ui, org: 'a'.repeat(100), state: 'deleted' }, 'org'],
  ])('check rejects %j naming %s', async (news, property) => {
    const { failures } = await provider().check({}, news);
    expect(failures?.map((f) => f.property)).toContain(property);
    expect(sim.log).toHaveLength(0);
  });

  it('plans, then deletes the whole package; a read keeps the id and reports it deleted', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...ui, state: 'deleted' });
    expect(inputs.plannedAction).toBe('delete');
    expect(mutationsOf(sim)).toEqual([]);
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual(['DELETE /orgs/acme/packages/npm/ui']);
    expect(created).toMatchObject({ id: 'orgs/acme/npm/ui', outs: { currentState: 'deleted', plannedAction: 'delete' } });
    const read = await p.read(created.id, created.outs);
    expect(read.id).toBe('orgs/acme/npm/ui');
    expect(read.props).toMatchObject({ currentState: 'deleted', plannedAction: 'none' });
  });

  it('restores a deleted package when asked for active, then converges', async () => {
    const p = provider();
    const before = await p.create((await p.check({}, { ...ui, state: 'active' })).inputs);
    expect(mutationsOf(sim)).toEqual([]); // adopting an active package as active changes nothing
    await p.update(before.id, before.outs, (await p.check({}, { ...ui, state: 'deleted' })).inputs);
    sim.clearLog();
    const { inputs } = await p.check({}, { ...ui, state: 'active' });
    expect(inputs.plannedAction).toBe('restore');
    const restored = await p.update('orgs/acme/npm/ui', {}, inputs);
    expect(mutationsOf(sim)).toEqual(['POST /orgs/acme/packages/npm/ui/restore']);
    expect(restored.outs).toMatchObject({ currentState: 'active', versionCount: before.outs.versionCount, visibility: 'private' });
    const again = await p.check(inputs, { ...ui, state: 'active' });
    expect((await p.diff('orgs/acme/npm/ui', restored.outs, again.inputs)).changes).toBe(false);
  });

  it('a public package over 5,000 downloads: the DELETE is refused and the error says what to do', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { org: 'acme', packageType: 'container', packageName: 'base/alpine', state: 'deleted' });
    expect(inputs.plannedAction).toBe('delete');
    const err = await p.create(inputs).catch((e) => e);
    expect(err.message).toMatch(/public and has been downloaded more than 5,000 times/);
    expect(err.message).toMatch(/GitHub Support/i);
  });

  it('destroy sends no request', async () => {
    const p = provider();
    const created = await p.create((await p.check({}, { ...ui, state: 'deleted' })).inputs);
    sim.clearLog();
    await p.delete(created.id, created.outs);
    expect(sim.log).toHaveLength(0);
  });
});

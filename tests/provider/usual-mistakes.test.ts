/**
 * The usual mistakes of a first policy, each answered at preview (issue 21): what a newcomer writes, and what the
 * preview must say about it.
 */
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

describe('usual mistakes, answered at preview', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const retention = () => createRetentionProvider(contextFor(sim, 'admin'));

  describe('a packages glob that matches no package', () => {
    it('warns first, naming the pattern and the closest package', async () => {
      const { inputs, failures } = await retention().check(
        {},
        { org: 'acme', packageType: 'container', packages: ['wbe*', 'base/*'], olderThan: '30d', imageGraph: 'off' },
      );
      expect(failures ?? []).toEqual([]);
      expect(inputs.planWarnings[0]).toBe(
        'packages: "wbe*" matches none of the container packages of organization acme (closest: "web"); check the pattern',
      );
      expect(inputs.planWarnings.slice(1).join('\n')).not.toMatch(/base\/\*/);
      expect(mutationsOf(sim)).toEqual([]);
    });

    it('with nothing close, lists some names; an owner without packages of the type is said so', async () => {
      const far = await retention().check({}, { org: 'acme', packageType: 'npm', packages: ['frontend-*'], olderThan: '30d' });
      expect(far.inputs.planWarnings[0]).toBe(
        'packages: "frontend-*" matches none of the npm packages of organization acme (they are "solo", "ui"); check the pattern',
      );
      const none = await retention().check({}, { org: 'acme', packageType: 'rubygems', packages: ['*'], olderThan: '30d' });
      expect(none.inputs.planWarnings[0]).toBe(
        'packages: there are no rubygems packages of organization acme, so this policy plans nothing; check the owner and packageType',
      );
    });

    it('exclusions that leave nothing are said too', async () => {
      const { inputs } = await retention().check({}, { org: 'acme', packageType: 'npm', packages: ['*', '!ui', '!solo'], olderThan: '30d' });
      expect(inputs.planWarnings[0]).toBe(
        'packages: the exclusions leave none of the npm packages of organization acme, so this policy plans nothing',
      );
    });
  });
});

import { generatePackage, startSimulator } from '../../simulator';
import { call } from './helpers';

test('generates 50,000 versions deterministically and fast', () => {
  const spec = { owner: 'acme', packageType: 'container' as const, name: 'huge', count: 50_000, seed: 42, deletedFraction: 0.01 };
  const now = Date.parse('2025-01-01T00:00:00Z');
  const t0 = performance.now();
  const a = generatePackage(spec, now);
  const elapsed = performance.now() - t0;
  expect(a.versions).toHaveLength(50_000);
  expect(elapsed).toBeLessThan(2000);
  expect(generatePackage(spec, now)).toEqual(a);
  expect(generatePackage({ ...spec, seed: 43 }, now).versions[0].name).not.toBe(a.versions[0].name);
  expect(new Set(a.versions.map((v) => v.name)).size).toBe(50_000);
  expect(a.versions.at(-1)!.tags).toContain('latest');
  const npm = generatePackage({ ...spec, packageType: 'npm' }, now);
  expect(npm.versions.some((v) => /-(alpha|beta|rc)\./.test(v.name))).toBe(true);
});

test('a simulator with a 50,000-version package serves pages quickly', async () => {
  const t0 = performance.now();
  const sim = await startSimulator({
    rateLimits: { enabled: false },
    fixture: {
      users: [{ login: 'octocat', id: 1 }],
      tokens: [{ token: 'ghp_big', login: 'octocat', scopes: ['read:packages'], label: 'big' }],
      generated: [{ owner: 'octocat', packageType: 'container', name: 'huge', count: 50_000, seed: 1 }],
    },
  });
  try {
    const started = performance.now() - t0;
    const r = await call(sim.baseUrl, 'GET', '/user/packages/container/huge/versions?per_page=100&page=500', { raw: 'ghp_big' });
    expect(r.body).toHaveLength(100);
    expect(started).toBeLessThan(5000);
    process.stdout.write(`50,000-version simulator started in ${Math.round(started)} ms\n`);
  } finally {
    await sim.stop();
  }
});

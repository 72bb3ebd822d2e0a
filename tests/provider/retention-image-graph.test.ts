/** PackageVersionRetention with `imageGraph: 'registry'` against the simulator's packages API and registry. */
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { RegistryClient } from '../../provider/registry';
import { FIXTURE_PATHS, generateMultiArchRepository, withRepository } from '../../simulator';
import { readFixture } from '../../simulator/fixture-loader';
import { ALL_TOKENS, contextFor, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './provider-helpers';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const repo = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 10, intervalHours: 24 }, NOW);
const orgA = generateMultiArchRepository(
  { owner: 'acme', name: 'svc/api', images: 3, intervalHours: 24 * 10, signatures: 'referrer', fallbackTags: true, firstId: 880001 },
  NOW,
);
const orgB = generateMultiArchRepository(
  { owner: 'acme', name: 'svc/web', images: 3, intervalHours: 24 * 10, format: 'docker', signatures: 'none', firstId: 990001 },
  NOW,
);
const policy = { packageType: 'container', packages: ['app'], imageGraph: 'registry', keepNewestTagged: 5, olderThan: '7d', maxShareOfPackage: 0.5 };

describe('retention with the image graph', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      fixture: [repo, orgA, orgB].reduce(withRepository, readFixture(FIXTURE_PATHS.default)),
      clock: { now: new Date(NOW), frozen: true },
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.reset(); // back to real time: pin the clock again, the ages below depend on it
    sim.clock.freeze();
    sim.clock.set(new Date(NOW));
  });

  const provider = () => createRetentionProvider(contextFor(sim, 'admin', { config: { 'github-packages:registryUrl': sim.baseUrl } }));
  const idOf = (digest: string) =>
    sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: 'app' }).find((v) => v.name === digest)!.id;

  it('preview: whole old images as trees, every manifest read once, nothing mutated, no token anywhere', async () => {
    const { inputs, failures } = await provider().check({}, policy);
    expect(failures ?? []).toEqual([]);
    const old = repo.images.slice(0, 3);
    expect(Object.keys(inputs.pendingImages.app).sort()).toEqual(old.map((i) => String(idOf(i.index))).sort());
    const tree: string[] = inputs.pendingImages.app[String(idOf(old[0].index))];
    expect(tree).toHaveLength(10);
    expect(tree[0]).toMatch(
      /^\[1\.0\.0\] index \d+ sha256:[0-9a-f]{64}, created 2026-05-2\dT11:00:00Z: delete: not among the 5 newest tagged images and created more than 7d ago$/,
    );
    expect(tree[1]).toMatch(/^ {2}├─ linux\/amd64 \d+ sha256:/);
    expect(tree[9]).toMatch(
      /^ {2}└─ signature \(cosign\) \d+ sha256:[0-9a-f]{64} \[sha256-[0-9a-f]{64}\.sig\]: delete: refers to image \d+ \[1\.0\.0\]$/,
    );
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).app)).toHaveLength(30);
    const manifestGets = sim.log.filter((e) => e.path.includes('/manifests/'));
    expect(manifestGets).toHaveLength(repo.package.versions.length);
    expect(new Set(manifestGets.map((e) => e.path)).size).toBe(manifestGets.length);
    expect(sim.mutations()).toEqual([]);
    const everything = JSON.stringify({ inputs, log: sim.log });
    for (const token of ALL_TOKENS) expect(everything).not.toContain(token);
  });

  it('up deletes the reviewed images roots first and leaves every kept image pullable', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    const afterCheck = sim.log.length;
    const created = await p.create(inputs);
    expect(created.outs.deletedCount).toBe(30);
    const deleted = sim.mutations().map((e) => Number(e.path.split('/').pop()));
    // The roots first, oldest first (then verified by a listing), then their members image by image: an interruption
    // or a root GitHub did not delete never leaves a tag on a broken index.
    const old = repo.images.slice(0, 3);
    const expected = [...old.map((i) => idOf(i.index)), ...old.flatMap((i) => [...i.platforms, ...i.attestations, ...i.referrers].map(idOf))];
    expect(deleted).toEqual(expected);
    // Listings (L) and DELETEs (D) of the up: confirm, the 3 roots, verify them, the 27 members, verify them.
    const sequence = sim.log
      .slice(afterCheck)
      .filter((e) => e.method === 'DELETE' || (e.path === '/user/packages/container/app/versions' && e.query.page === '1'));
    expect(sequence.map((e) => (e.method === 'DELETE' ? 'D' : 'L')).join('')).toBe(`LDDDL${'D'.repeat(27)}L`);
    // Every manifest reachable from a remaining tag is still served.
    const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: FIXTURE_TOKENS.admin }).repository('octocat', 'app');
    for (const image of repo.images.slice(3)) {
      const results = await reader.manifests([image.index, ...image.platforms, ...image.attestations, ...image.referrers]);
      for (const [digest, r] of results) expect([digest, r.ok]).toEqual([digest, true]);
    }
    const next = await p.check({}, policy);
    expect(next.inputs.pendingDeletions).toEqual({});
  });

  it('a root changed after the preview is skipped at up, and its members are held back with it', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    const image = repo.images[1];
    sim.control.setTags({ owner: 'octocat', packageType: 'container', packageName: 'app', versionId: idOf(image.index), tags: ['1.0.1', 'pinned'] });
    const created = await p.create(inputs);
    expect(created.outs.deletedCount).toBe(20);
    const members = [...image.platforms, ...image.attestations, ...image.referrers].map(idOf);
    const skipped = created.outs.lastRun.app.skipped as Array<{ versionId: number; reason: string }>;
    expect(skipped.find((s) => s.versionId === idOf(image.index))?.reason).toMatch(/changed since the preview/);
    for (const id of members) expect(skipped.find((s) => s.versionId === id)?.reason).toMatch(/root \d+ of its image is not deleted in this run/);
    const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: FIXTURE_TOKENS.admin }).repository('octocat', 'app');
    const results = await reader.manifests([image.index, ...image.platforms, ...image.attestations, ...image.referrers]);
    for (const r of results.values()) expect(r.ok).toBe(true);
  });

  it('a root whose deletion fails keeps its members: the rest of the run goes on, the update fails naming it', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    const image = repo.images[0];
    sim.faults.add({
      match: { method: 'DELETE', path: `/user/packages/container/app/versions/${idOf(image.index)}`, times: 20 },
      fault: { status: 500 },
    });
    const error = await p.create(inputs).then(
      () => undefined,
      (err: unknown) =>
        err as { message: string; properties: { deletedCount: number; lastRun: { app: { skipped: Array<{ versionId: number; reason: string }> } } } },
    );
    expect(error?.message).toMatch(/1 of 30 deletions failed/);
    expect(error?.properties.deletedCount).toBe(20);
    const skipped = error!.properties.lastRun.app.skipped;
    for (const digest of [...image.platforms, ...image.attestations, ...image.referrers]) {
      expect(skipped.find((s) => s.versionId === idOf(digest))?.reason).toMatch(/root \d+ of its image could not be deleted/);
    }
    const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: FIXTURE_TOKENS.admin }).repository('octocat', 'app');
    for (const r of (await reader.manifests([image.index, ...image.platforms, ...image.attestations, ...image.referrers])).values())
      expect(r.ok).toBe(true);
  });

  it('a root whose DELETE GitHub accepts without effect keeps its members: roots are verified before any member goes', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    const image = repo.images[0];
    sim.faults.add({
      match: { method: 'DELETE', path: `/user/packages/container/app/versions/${idOf(image.index)}`, times: 20 },
      fault: { status: 204 },
    });
    const error = await p.create(inputs).then(
      () => undefined,
      (err: unknown) =>
        err as { message: string; properties: { deletedCount: number; lastRun: { app: { skipped: Array<{ versionId: number; reason: string }> } } } },
    );
    expect(error?.message).toMatch(
      new RegExp(`app version ${idOf(image.index)} .*GitHub accepted the request but the version still reads as active`),
    );
    expect(error?.properties.deletedCount).toBe(20);
    const skipped = error!.properties.lastRun.app.skipped;
    for (const digest of [...image.platforms, ...image.attestations, ...image.referrers]) {
      expect(skipped.find((s) => s.versionId === idOf(digest))?.reason).toMatch(/root \d+ of its image could not be deleted/);
    }
    const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: FIXTURE_TOKENS.admin }).repository('octocat', 'app');
    for (const r of (await reader.manifests([image.index, ...image.platforms, ...image.attestations, ...image.referrers])).values())
      expect(r.ok).toBe(true);
  });

  it('an unreadable manifest protects the whole package and the preview says why', async () => {
    sim.faults.add({ match: { path: `/v2/octocat/app/manifests/${repo.images[8].platforms[0]}` }, fault: { status: 500 } });
    const { inputs } = await provider().check({}, policy);
    expect(inputs.pendingDeletions).toEqual({});
    expect(inputs.planWarnings.join('\n')).toContain(
      `could not be read, so nothing in this package is deleted in this run (fail closed): manifest ${repo.images[8].platforms[0]}: the registry answered HTTP 500`,
    );
  });

  it('the image graph is the default: a policy without imageGraph plans the same whole images', async () => {
    const { imageGraph: _default, ...plain } = policy;
    const withGraph = (await provider().check({}, policy)).inputs;
    const { inputs, failures } = await provider().check({}, plain);
    expect(failures ?? []).toEqual([]);
    expect(Object.keys(inputs.pendingImages.app)).toHaveLength(3);
    expect(inputs.pendingDeletions).toEqual(withGraph.pendingDeletions);
    expect(inputs.planWarnings).toEqual([]);
  });

  it('with imageGraph "off" the version-level rules apply: no registry request, untagged versions protected', async () => {
    const { inputs } = await provider().check({}, { ...policy, imageGraph: 'off' });
    expect(inputs.pendingImages).toBeUndefined();
    expect(sim.log.filter((e) => e.path.startsWith('/v2') || e.path === '/token')).toEqual([]);
    for (const line of Object.values(pendingLinesByPackage(inputs.pendingDeletions).app ?? {})) expect(line).not.toMatch(/ \(untagged\) /);
  });

  it('a registry that gives no pull token: the run falls back to the version-level rules, untagged versions protected, and the preview says so', async () => {
    const { imageGraph: _default, ...plain } = policy;
    sim.faults.add({ match: { path: '/token', times: 100 }, fault: { status: 403 } });
    const { inputs, failures } = await provider().check({}, plain);
    expect(failures ?? []).toEqual([]);
    expect(inputs.pendingImages).toBeUndefined();
    // What happened first, within the 150 characters the CLI shows of a string; then what it means, why, and the fix.
    expect(inputs.planWarnings[0].slice(0, 150)).toMatch(
      /^image graph not read \(container registry\) for 1 package: planned version by version, fail closed\. /,
    );
    expect(inputs.planWarnings[0]).toMatch(
      /Untagged versions \(platform manifests, attestations, signatures\) are protected \(untaggedContainers: protect\), .* Registry: "app": container registry http:\S+: the token service refused a pull token for octocat\/app \(HTTP 403\)/,
    );
    const untagged = new Set(
      sim.control
        .listVersions({ owner: 'octocat', packageType: 'container', packageName: 'app' })
        .filter((v) => v.tags.length === 0)
        .map((v) => v.id),
    );
    const pending = Object.keys(pendingLinesByPackage(inputs.pendingDeletions).app ?? {}).map(Number);
    expect(pending.length).toBeGreaterThan(0);
    for (const id of pending) expect(untagged.has(id)).toBe(false);
    expect(sim.log.filter((e) => e.path.includes('/manifests/'))).toEqual([]);
  });

  it('one manifest request per version per provider process: the apply and a second preview reuse what the check read', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    const manifestGets = () => sim.log.filter((e) => e.path.includes('/manifests/')).length;
    expect(manifestGets()).toBe(repo.package.versions.length);
    await p.create(inputs);
    await p.check({}, policy);
    expect(manifestGets()).toBe(repo.package.versions.length);
    // One pull token for the repository, reused.
    expect(sim.log.filter((e) => e.path === '/token')).toHaveLength(1);
  });

  it('imageGraph is a check failure on other package types and for unknown values', async () => {
    const npm = await provider().check({}, { packageType: 'npm', packages: ['x'], keepNewest: 1, imageGraph: 'registry' });
    expect(npm.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ property: 'imageGraph', reason: expect.stringContaining('only to container') })]),
    );
    const bad = await provider().check({}, { ...policy, imageGraph: 'yes' });
    expect(bad.failures).toEqual(expect.arrayContaining([expect.objectContaining({ property: 'imageGraph' })]));
  });

  it('org packages matched by a glob: each repository read with its own pull token; the cap takes whole images across packages', async () => {
    const orgPolicy = {
      org: 'acme',
      packageType: 'container',
      packages: ['svc/*'],
      imageGraph: 'registry',
      keepNewestTagged: 0,
      maxShareOfPackage: 1,
      maxDeletionsPerRun: 15,
    };
    const { inputs, failures } = await provider().check({}, orgPolicy);
    expect(failures ?? []).toEqual([]);
    expect(
      sim.log
        .filter((e) => e.path === '/token')
        .map((e) => e.query.scope)
        .sort(),
    ).toEqual(['repository:acme/svc/api:pull', 'repository:acme/svc/web:pull']);
    // Per package the newest image is guarded; the two older ones go (api: 11 versions each — index, 4
    // platforms, 4 attestations, signature, fallback tag index; web: 5). Oldest first across packages (equal
    // times: lower root id first), whole images only: api's oldest fits in 15, web's oldest would make 16.
    const pending = inputs.pendingImages as Record<string, Record<string, string[]>>;
    expect(Object.keys(pending)).toEqual(['svc/api']);
    const [tree] = Object.values(pending['svc/api']);
    expect(tree).toHaveLength(11);
    expect(
      tree.some((l) => /referrers index \(OCI fallback tag\) \d+ sha256:[0-9a-f]{64} \[sha256-[0-9a-f]{64}\]: delete: refers to image/.test(l)),
    ).toBe(true);
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions)['svc/api'])).toHaveLength(11);
    expect(inputs.remainingForNextRun).toBe(11 + 5 + 5);
  });
});

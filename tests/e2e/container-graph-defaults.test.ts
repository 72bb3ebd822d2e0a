// Issue 15 §3 through the real Pulumi engine: a multi-arch container package cleaned by a policy that states only
// what the user wants (no imageGraph, no untaggedContainers, no raised guard): the image graph is the default, so
// the preview shows whole images as trees, `up` deletes them whole (platform manifests, attestations, signatures
// included), and every kept image is still pullable. Registry cost: one manifest request per version per plan,
// the check and the apply of `up` (one provider process) sharing what was read.
import { RegistryClient } from '../../provider/registry';
import { generateMultiArchRepository, startSimulator, withRepository, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { runEngine } from '../../scripts/engine/run-engine';
import type { PackageVersionRetentionArgs } from '../../sdk';
import { MINUTE, deletedVersionIds, expectOperationsOk, mutationsSince, packagesJob, requireBuiltProgramAndCli, stepOf } from './e2e-helpers';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_e2eContainerDefaultsToken000000001';
const POLICY: PackageVersionRetentionArgs = { packageType: 'container', packages: ['app'], keepNewestTagged: 12, olderThan: '7d' };

let sim: RunningSimulator;
let dir: EngineWorkDir;
const repo = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 20, intervalHours: 24 }, Date.now());

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  const base: Fixture = {
    users: [{ login: 'octocat' }],
    tokens: [{ token: TOKEN, login: 'octocat', scopes: ['read:packages', 'write:packages', 'delete:packages'], label: 'e2e-defaults' }],
  };
  sim = await startSimulator({ fixture: withRepository(base, repo) });
  dir = createEngineWorkDir('container-graph-defaults');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

test('keep the newest 12 tagged images, delete older than 7 days, nothing else said: whole images go, every kept image stays pullable', async () => {
  const from = sim.log.length;
  const job = packagesJob({
    workDir: dir.path,
    sim,
    token: TOKEN,
    params: { retentions: { app: POLICY } },
    operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }],
  });
  const result = await runEngine(job, { timeoutMs: 5 * MINUTE });
  expectOperationsOk(result);
  expect(result.secretFindings).toEqual([]);

  const idOf = new Map(sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: 'app' }).map((v) => [v.name, v.id]));
  const membersOf = (i: number) => {
    const image = repo.images[i];
    return [image.index, ...image.platforms, ...image.attestations, ...image.referrers].map((d) => idOf.get(d)!);
  };
  // Image i was built (19 - i) days and an hour ago. The newest (guarded) fills one of the 12 slots: images 8..19
  // are kept, 0..7 are older than 7 days and go, 10 versions each (index, 4 platforms, 4 attestations, signature):
  // 80 of 200 versions: a new policy's first run has no cap and no share limit unless the program sets them.
  const doomed = Array.from({ length: 8 }, (_, i) => i);
  const step = stepOf(result.operations[0], 'app')!;
  const trees = (step.newInputs!.pendingImages as Record<string, Record<string, string[]>>).app;
  expect(
    Object.keys(trees)
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual(doomed.map((i) => idOf.get(repo.images[i].index)!).sort((a, b) => a - b));
  const tree = trees[String(idOf.get(repo.images[0].index))];
  expect(tree[0]).toMatch(
    /^\[1\.0\.0\] index \d+ sha256:[0-9a-f]{64}, created \S+: delete: not among the 12 newest tagged images and created more than 7d ago$/,
  );
  expect(tree.slice(1).map((l) => l.split(' ')[3])).toEqual([
    'linux/amd64',
    'linux/arm64',
    'linux/arm/v7',
    'linux/s390x',
    'attestation',
    'attestation',
    'attestation',
    'attestation',
    'signature',
  ]);
  expect(step.newInputs!.planWarnings).toEqual([]);

  const jobLog = sim.log.slice(from);
  const deleted = deletedVersionIds(mutationsSince(sim, from));
  expect(deleted).toEqual([...doomed.map((i) => membersOf(i)[0]), ...doomed.flatMap((i) => membersOf(i).slice(1))]);

  // Every manifest of every kept image is still served: each kept image pulls on every platform.
  const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: TOKEN }).repository('octocat', 'app');
  for (let i = 8; i < 20; i++) {
    const image = repo.images[i];
    const results = await reader.manifests([image.index, ...image.platforms, ...image.attestations, ...image.referrers]);
    for (const [digest, r] of results) expect({ digest, readable: r.ok }).toEqual({ digest, readable: true });
  }
  for (const i of doomed) expect((await reader.manifests([repo.images[i].index])).get(repo.images[i].index)?.ok).toBe(false);

  // Registry cost of the three operations: the preview reads the 200 manifests; up's check reads them in its own
  // provider process and its apply reuses them (without the cache: 200 more); the last preview reads the 120 left.
  // One pull token per provider process.
  expect(jobLog.filter((e) => e.path.startsWith('/v2/octocat/app/manifests/')).length).toBe(200 + 200 + 120);
  expect(jobLog.filter((e) => e.path === '/token').length).toBe(3);
});

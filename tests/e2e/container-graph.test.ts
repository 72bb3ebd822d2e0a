// Issue 9's engine run: a repository of 20 multi-arch images (4 platforms, buildx attestations, cosign
// signatures), a policy "keep the newest 5 tagged images, delete images older than 7 days" with the image graph
// (`imageGraph: 'registry'`), through the real Pulumi engine against the simulator's packages API and registry.
// The preview shows the old images as trees; up deletes them whole; every kept image stays pullable.
import { RegistryClient } from '../../provider/registry';
import { generateMultiArchRepository, startSimulator, withRepository, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { runEngine } from '../../scripts/engine/run-engine';
import type { PackageVersionRetentionArgs } from '../../sdk';
import { MINUTE, deletedVersionIds, expectOperationsOk, mutationsSince, packagesJob, requireBuiltProgramAndCli, stepOf } from './e2e-helpers';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_e2eContainerGraphToken00000000001';
const POLICY: PackageVersionRetentionArgs = {
  packageType: 'container',
  packages: ['app'],
  imageGraph: 'registry',
  keepNewestTagged: 5,
  olderThan: '7d',
  maxShareOfPackage: 0.7,
  maxDeletionsPerRun: 200,
};

let sim: RunningSimulator;
let dir: EngineWorkDir;
const repo = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 20, intervalHours: 24 }, Date.now());

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  const base: Fixture = {
    users: [{ login: 'octocat' }],
    tokens: [{ token: TOKEN, login: 'octocat', scopes: ['read:packages', 'write:packages', 'delete:packages'], label: 'e2e-graph' }],
  };
  sim = await startSimulator({ fixture: withRepository(base, repo) });
  dir = createEngineWorkDir('container-graph');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

test('keep newest 5 tagged, delete older than 7 days: whole old images go (held to the saved plan), every kept image stays pullable', async () => {
  const from = sim.log.length;
  const job = packagesJob({
    workDir: dir.path,
    sim,
    token: TOKEN,
    params: { retentions: { app: POLICY } },
    operations: [
      { kind: 'preview', diff: true, savePlan: 'graph-plan.json' },
      { kind: 'up', plan: 'graph-plan.json' },
      { kind: 'preview', expectNoChanges: true },
    ],
  });
  const result = await runEngine(
    { ...job, config: { ...job.config, 'github-packages:registryUrl': { value: sim.baseUrl } } },
    { timeoutMs: 5 * MINUTE },
  );
  expectOperationsOk(result);
  expect(result.secretFindings).toEqual([]);

  const idOf = new Map(sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: 'app' }).map((v) => [v.name, v.id]));
  const membersOf = (i: number) => {
    const image = repo.images[i];
    return [image.index, ...image.platforms, ...image.attestations, ...image.referrers].map((d) => idOf.get(d)!);
  };
  // Image i was built (19 - i) days and an hour ago. The newest is guarded, 14..18 are the 5 newest tagged
  // candidates, 13 is younger than 7 days: images 0..12 are deleted, 10 versions each.
  const doomed = Array.from({ length: 13 }, (_, i) => i);

  const step = stepOf(result.operations[0], 'app')!;
  const trees = (step.newInputs!.pendingImages as Record<string, Record<string, string[]>>).app;
  expect(
    Object.keys(trees)
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual(doomed.map((i) => idOf.get(repo.images[i].index)!).sort((a, b) => a - b));
  const tree = trees[String(idOf.get(repo.images[0].index))];
  expect(tree[0]).toMatch(
    /^\[1\.0\.0\] index \d+ sha256:[0-9a-f]{64}, created \S+: delete: not among the 5 newest tagged images and created more than 7d ago$/,
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
  const deleted = deletedVersionIds(mutationsSince(sim, from));
  // The roots first (verified by a listing), then their members image by image.
  expect(deleted).toEqual([...doomed.map((i) => membersOf(i)[0]), ...doomed.flatMap((i) => membersOf(i).slice(1))]);

  const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: TOKEN }).repository('octocat', 'app');
  for (let i = 13; i < 20; i++) {
    const image = repo.images[i];
    const results = await reader.manifests([image.index, ...image.platforms, ...image.attestations, ...image.referrers]);
    for (const [digest, r] of results) expect({ digest, readable: r.ok }).toEqual({ digest, readable: true });
  }
  for (const i of doomed) expect((await reader.manifests([repo.images[i].index])).get(repo.images[i].index)?.ok).toBe(false);
});

// Every program in examples/ against the simulator (fixture demo.json) through the real Pulumi engine: the
// preview announces the deletions and restores (read from the engine's structured events), `up` performs exactly
// those (the simulator's request log), and a second preview shows no changes. One simulator for the file, reset
// before each example.
import { RegistryClient } from '../../provider/registry';
import { FIXTURE_PATHS, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from '../../simulator';
import { resolvePulumiBinary } from '../../scripts/engine';
import { changeKey, type PlannedChange } from '../../scripts/demo/planned-changes';
import { EXAMPLES, runExample, type ExampleRun } from './run-example';

jest.setTimeout(5 * 60_000);

const ORG = 'demo-org';
let sim: RunningSimulator;
beforeAll(async () => {
  await resolvePulumiBinary(); // instant once cached; a cold machine builds the CLI here
  sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
}, 30 * 60_000);
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => sim.reset());

function keys(changes: ReadonlyArray<Parameters<typeof changeKey>[0]>): string[] {
  return changes.map(changeKey).sort();
}

/** Preview equals apply, every call succeeded, and the stack converged. */
function expectPreviewEqualsApply(run: ExampleRun): void {
  expect(run.planned.length).toBeGreaterThan(0);
  expect(keys(run.applied)).toEqual(keys(run.planned));
  expect(run.applied.filter((c) => c.status !== 204)).toEqual([]);
  expect(run.converged.summary).toEqual({ same: expect.any(Number) });
  expect(run.result.secretFindings).toEqual([]);
}

function activeVersions(packageType: 'container' | 'npm', packageName: string) {
  return sim.control.listVersions({ owner: ORG, packageType, packageName }).filter((v) => v.state === 'active');
}

function deletedNames(planned: readonly PlannedChange[], packageName: string): string[] {
  return planned.filter((c) => c.packageName === packageName && c.action === 'delete').map((c) => c.versionName!);
}

test('container-cleanup: whole images older than 14 days beyond the newest 10 tagged go, as trees; every kept image stays pullable', async () => {
  const run = await runExample(sim, EXAMPLES.containerCleanup);
  expectPreviewEqualsApply(run);
  // demo-org/web: 20 daily multi-arch images (index, 2 platform manifests, 2 attestations, a cosign signature).
  // The newest (latest) fills one of the 10 slots; of the other 10, images 1.0.0 … 1.0.5 are older than 14 days.
  expect(run.planned).toHaveLength(6 * 6);
  const tagged = run.planned.filter((c) => (c.tags ?? []).length > 0);
  expect(
    tagged
      .map((c) => c.tags![0])
      .filter((t) => !t.startsWith('sha256-'))
      .sort(),
  ).toEqual(['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.4', '1.0.5']);
  const left = activeVersions('container', 'web');
  expect(left).toHaveLength(120 - 36);
  expect(run.up.outputs?.deletedCount?.value).toBe(36);
  // Every kept image: its index and every manifest it references are still served by the registry.
  const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: FIXTURE_TOKENS.admin }).repository(ORG, 'web');
  const results = await reader.manifests(left.map((v) => v.name));
  expect([...results.values()].every((r) => r.ok)).toBe(true);
  for (const r of results.values()) {
    if (r.ok) for (const child of r.manifest.children) expect(results.get(child.digest)?.ok).toBe(true);
  }
  expect(run.up.outputs?.warnings?.value).toEqual([]);
});

test('npm-prereleases: each package keeps its 5 newest pre-releases (the newest version counts when it is one) and every release', async () => {
  const run = await runExample(sim, EXAMPLES.npmPrereleases);
  expectPreviewEqualsApply(run);
  // sdk's newest version 2.0.0-rc.1 is a pre-release: one of the 5. cli's newest, 1.1.0, is a release: not one of them.
  expect(deletedNames(run.planned, 'sdk').sort()).toEqual(['1.1.0-beta.1', '1.1.0-beta.2', '1.1.0-rc.1', '1.2.0-alpha.1', '1.2.0-beta.1']);
  expect(deletedNames(run.planned, 'cli').sort()).toEqual(['1.0.0-rc.1', '1.0.0-rc.2', '1.1.0-next.1']);
  expect(activeVersions('npm', 'sdk').map((v) => v.name)).toEqual(expect.arrayContaining(['1.0.0', '1.1.0', '1.2.0', '2.0.0-rc.1', '2.0.0-alpha.1']));
});

test('org-wide: pull-request images older than 30 days go in every svc-* image, and nowhere else', async () => {
  const run = await runExample(sim, EXAMPLES.orgWide);
  expectPreviewEqualsApply(run);
  expect([...new Set(run.planned.map((c) => c.packageName))].sort()).toEqual(['svc-api', 'svc-web', 'svc-worker']);
  expect(run.planned.every((c) => c.tags?.length === 1 && c.tags[0].startsWith('pr-'))).toBe(true);
  expect(run.planned).toHaveLength(12); // 4 per service: 38, 44, 50 and 56 days old
  expect(activeVersions('container', 'legacy-worker')).toHaveLength(10);
});

test('package-version: one version deleted, one restored, a deleted package restored', async () => {
  const run = await runExample(sim, EXAMPLES.packageVersion);
  expectPreviewEqualsApply(run);
  expect(keys(run.planned)).toEqual([
    'delete demo-org/container/app@9001056',
    'restore demo-org/container/app@9001001',
    'restore demo-org/npm/old-client',
  ]);
  expect(run.up.outputs?.restoredVersion?.value).toMatchObject({ id: 9001001, tags: ['v1.0.0'], state: 'active' });
  expect(run.up.outputs?.deletedVersion?.value).toMatchObject({ id: 9001056, state: 'deleted' });
  expect(run.up.outputs?.restoredPackage?.value).toMatchObject({ name: 'old-client', state: 'active' });
});

test('undo-cleanup: versions deleted since the given time are restored; one deleted before it stays deleted', async () => {
  // A clean-up an hour's worth of "now" ago: three untagged versions of app deleted (9001001 was deleted 7 days ago).
  const cleaned = [9001002, 9001003, 9001004];
  const deletedSince = new Date(sim.clock.now().getTime() - 3_600_000).toISOString();
  for (const versionId of cleaned) sim.control.deleteVersion({ owner: ORG, packageType: 'container', packageName: 'app', versionId });
  const run = await runExample(sim, { ...EXAMPLES.undoCleanup, config: { ...EXAMPLES.undoCleanup.config, deletedSince } });
  expectPreviewEqualsApply(run);
  expect(keys(run.planned)).toEqual(cleaned.map((id) => `restore demo-org/container/app@${id}`));
  const app = sim.control.listVersions({ owner: ORG, packageType: 'container', packageName: 'app' });
  expect(app.filter((v) => v.state === 'deleted').map((v) => v.id)).toEqual([9001001]);
  expect(run.up.outputs?.restored?.value).toMatchObject({ changed: cleaned.map((versionId) => ({ versionId, action: 'restore' })), skipped: [] });
});

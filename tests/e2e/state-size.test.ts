// Issue 6 guarantee 8 through the real Pulumi engine: a retention policy over a package of 10,000 versions,
// with maxDeletionsPerRun 100, leaves a small state file. Kept versions leave no per-version
// trace in state; only the (capped) pending deletions in the inputs and the last run's report do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import {
  MINUTE,
  deletedVersionIds,
  expectOperationsOk,
  mutationsSince,
  pendingIds,
  requireBuiltProgramAndCli,
  runPackagesJob,
  stepOf,
} from './e2e-helpers';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_e2eStateSizeAdminToken00000000000001';
const COUNT = 10_000;
/**
 * The stated limit for the whole state file (checkpoint JSON) of this stack after `up`: 100 KB. Measured at
 * 57 KB (2026-11); most of it is the 100 reviewed deletion lines (in the inputs, and again in the outputs, which
 * keep the plan as reviewed) and the 100 `lastRun` entries, all bounded by maxDeletionsPerRun, not by the package's size. The limit leaves room for wording changes while
 * failing if per-version data for the 10,000 versions (over 1 MB for names alone) ever reached state.
 */
const STATE_LIMIT_BYTES = 100 * 1024;

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator({
    fixture: {
      users: [{ login: 'octocat' }],
      orgs: [{ login: 'big', admins: ['octocat'] }],
      tokens: [{ token: TOKEN, login: 'octocat', scopes: ['read:packages', 'write:packages', 'delete:packages'], label: 'big-admin' }],
      // One version an hour; every 10th and the newest tagged (the newest `latest`); the rest untagged.
      generated: [{ owner: 'big', packageType: 'container', name: 'huge', count: COUNT, seed: 7, taggedEvery: 10 }],
    },
    // This test is about state size; pacing under GitHub's limits is the client tests' subject. Three listings
    // of 100 pages plus 100 DELETEs would otherwise wait out a secondary-limit minute.
    rateLimits: { enabled: false },
  });
  dir = createEngineWorkDir('state-size');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

test('a policy over 10,000 versions leaves a state file under the stated limit', async () => {
  const key = { owner: 'big', packageType: 'container' as const, packageName: 'huge' };
  const all = sim.control.listVersions(key);
  expect(all).toHaveLength(COUNT);
  const from = sim.log.length;
  const result = await runPackagesJob({
    workDir: dir.path,
    sim,
    token: TOKEN,
    // A cap of 100 (the reviewed plan, kept in inputs and outputs, holds one line per deletion of the run: without a
    // cap a first clean-up's state holds all of them until the next run); defaults otherwise.
    params: {
      retentions: {
        huge: { org: 'big', packageType: 'container', packages: ['huge'], imageGraph: 'off', keepNewestTagged: 10, maxDeletionsPerRun: 100 },
      },
    },
    operations: [{ kind: 'preview', diff: true }, { kind: 'up' }],
  });
  expectOperationsOk(result);
  const [preview] = result.operations;

  // 1,001 tagged (every 10th, and the newest): the newest (protected) and 9 more are the 10 kept, 991 to delete;
  // the run does the 100 oldest and leaves 891.
  const tagged = all.filter((v) => v.tags.length > 0).length;
  expect(tagged).toBe(1001);
  const announced = pendingIds(stepOf(preview, 'huge'));
  expect(announced).toHaveLength(100);
  expect(stepOf(preview, 'huge')!.newInputs).toMatchObject({ remainingForNextRun: tagged - 10 - 100 });
  const oldestTagged = all
    .filter((v) => v.tags.length > 0)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id)
    .slice(0, 100)
    .map((v) => v.id)
    .sort((a, b) => a - b);
  expect(announced).toEqual(oldestTagged);
  expect(deletedVersionIds(mutationsSince(sim, from)).sort((a, b) => a - b)).toEqual(announced);

  const stateFile = path.join(dir.path, 'backend', '.pulumi', 'stacks', 'e2e', 'dev.json');
  const size = fs.statSync(stateFile).size;
  // Reported so a reviewer sees the measured number, not only the limit.
  console.log(`state file after up over ${COUNT} versions: ${size} bytes (limit ${STATE_LIMIT_BYTES})`);
  expect(size).toBeLessThan(STATE_LIMIT_BYTES);
  // No kept version is in state by name: spot-check the newest and a kept untagged one.
  const state = fs.readFileSync(stateFile, 'utf8');
  const newest = all.reduce((a, b) => (Date.parse(a.createdAt) >= Date.parse(b.createdAt) ? a : b));
  expect(state).not.toContain(newest.name);
  expect(state).not.toContain(all.find((v) => v.tags.length === 0 && v.state === 'active')!.name);
});

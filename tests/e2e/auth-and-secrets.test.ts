// Issue 6 guarantees 6 and 7 through the real Pulumi engine against the simulator: with a token not authorized for
// an SSO org, or one GitHub does not know, the preview fails with the message that says what to do and nothing is
// mutated; a read-only token previews in full and says what the apply needs (issue 20), its `up` mutates nothing,
// and a plan it saved binds the apply with the deleting token; and the token appears in no file of the run (state backend, engine logs
// at high verbosity, results, job files) nor in any output or error text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, FIXTURE_TOKENS, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { runEngine } from '../../scripts/engine/run-engine';
import type { EngineOperation } from '../../scripts/engine/engine-job';
import type { EngineRunResult } from '../../scripts/engine/run-engine';
import {
  MINUTE,
  deletedVersionIds,
  packagesJob,
  pendingIds,
  allOutputText,
  expectOperationsOk,
  filesContaining,
  mutationsSince,
  requestLines,
  requireBuiltProgramAndCli,
  runPackagesJob,
  sorted,
  stepOf,
} from './e2e-helpers';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';

jest.setTimeout(10 * MINUTE);

// Issued below with full scopes: distinctive, so a grep for it cannot match anything else.
const SECRET_TOKEN = 'ghp_e2eSecretTokenThatMustAppearNowhere0042';
const BAD_TOKEN = 'ghp_e2eNotAKnownTokenThatMustAppearNowhere7';
const READ_REPO_TOKEN = 'ghp_e2eReadOnlyWithRepo0000000000000000003';

const UI_DELETE: PackagesProgramParams = {
  versions: { 'ui-1-1-0': { org: 'acme', packageType: 'npm', packageName: 'ui', versionId: 100207, state: 'deleted' } },
};

let sim: RunningSimulator;
const dirs: EngineWorkDir[] = [];

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator();
  sim.control.issueToken({
    token: SECRET_TOKEN,
    login: 'octocat',
    scopes: ['read:packages', 'write:packages', 'delete:packages', 'repo'],
    label: 'e2e-secret',
  });
  sim.control.issueToken({ token: READ_REPO_TOKEN, login: 'octocat', scopes: ['read:packages', 'repo'], label: 'e2e-read-only' });
}, 30 * MINUTE);

afterAll(async () => {
  for (const d of dirs) await d.cleanup();
  await sim?.stop();
});

function workDir(name: string): string {
  const d = createEngineWorkDir(name);
  dirs.push(d);
  return d.path;
}

/** A failing preview: its error text, after checking that the run leaked nothing and GitHub saw no mutation. */
async function failingPreview(
  name: string,
  token: string,
  params: PackagesProgramParams,
): Promise<{ text: string; result: EngineRunResult; dir: string }> {
  const dir = workDir(name);
  const from = sim.log.length;
  const result = await runPackagesJob({ workDir: dir, sim, token, params, operations: [{ kind: 'preview', diff: true, mayFail: true }] });
  expect(result.operations[0].ok).toBe(false);
  expect(result.operations[0].error).toBeDefined();
  expect(mutationsSince(sim, from)).toEqual([]);
  expect(sim.log.length).toBeGreaterThan(from); // it did ask GitHub: the failure is GitHub's answer, read correctly
  expect(result.secretFindings).toEqual([]);
  const text = allOutputText(result);
  expect(text).not.toContain(token);
  expect(filesContaining(dir, token)).toEqual([]);
  return { text, result, dir };
}

describe('a preview with a token that cannot do the job fails with what to do, and mutates nothing', () => {
  test('SSO: an unauthorized token against an SSO org gives the authorization URL', async () => {
    const { text } = await failingPreview('sso', FIXTURE_TOKENS['sso-unauthorized'], {
      retentions: { sso: { org: 'sso-corp', packageType: 'container', packages: ['secret-app'], keepNewest: 1 } },
    });
    expect(text).toContain('enforces SAML single sign-on');
    expect(text).toMatch(/Open https:\/\/github\.com\/orgs\/sso-corp\/sso\?authorization_request=\S+ in a browser/);
  });

  test('bad token: says the token was rejected and how to set one', async () => {
    const { text } = await failingPreview('bad-token', BAD_TOKEN, {
      packages: { solo: { org: 'acme', packageType: 'npm', packageName: 'solo', state: 'deleted' } },
    });
    expect(text).toContain('GitHub rejected the token (401 Bad credentials)');
    expect(text).toMatch(/pulumi config set --secret \S*:token/);
    expect(text).toContain('GITHUB_TOKEN');
  });
});

describe('a read-only token reviews, the deleting token applies (issue 20: the pull-request workflow)', () => {
  // As examples/github-actions/ run it: the token in the environment (GITHUB_TOKEN), never in stack config, so
  // the saved plan holds none and the apply job's token is the one used.
  const POLICY: PackagesProgramParams = {
    retentions: { lib: { org: 'acme', packageType: 'maven', packages: ['com.acme:core-lib'], keepNewest: 2 } },
  };
  const run = (dir: string, token: string, operations: EngineOperation[]) => {
    const job = packagesJob({ workDir: dir, sim, token, params: POLICY, operations, stackName: 'scopes' });
    const { 'github-packages:token': _inConfig, ...config } = job.config ?? {};
    return runEngine({ ...job, config, secretEnv: { GITHUB_TOKEN: token } }, { timeoutMs: 5 * MINUTE });
  };

  test('the preview lists every deletion and warns once; up --plan with the deleting token deletes exactly those; up with the read-only token sends nothing', async () => {
    const dir = workDir('read-only-review');
    const from = sim.log.length;
    // Read-only: read:packages, and `repo`, which maven packages need even to be read.
    const readOnly = READ_REPO_TOKEN;
    const review = await run(dir, readOnly, [{ kind: 'preview', diff: true, savePlan: 'plan.json' }]);
    expectOperationsOk(review);
    const reviewed = pendingIds(stepOf(review.operations[0], 'lib'));
    expect(reviewed.length).toBeGreaterThan(0);
    // Told once, visibly (an engine warning: the CLI's diagnostics, `preview --json`'s and so the report's).
    const notices = review.operations[0].diagnostics.filter((d) => /applying it needs 'delete:packages'/.test(d.message));
    expect(notices.map((d) => d.severity)).toEqual(['warning']);
    expect(notices[0].message).toContain('The token cannot delete maven packages of organization acme');
    // Not in the plan: the checked inputs are what any token's check writes.
    expect(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')).not.toContain('delete:packages');
    expect(mutationsSince(sim, from)).toEqual([]);

    // A plain `up` with the read-only token: fails before its first mutation, naming the scope.
    const refused = await run(dir, readOnly, [{ kind: 'up', mayFail: true }]);
    expect(refused.operations[0].ok).toBe(false);
    expect(allOutputText(refused)).toMatch(/lacks the scope\(s\) 'delete:packages'/);
    expect(mutationsSince(sim, from)).toEqual([]);

    // The apply job: the saved plan, the deleting token.
    const applied = await run(dir, SECRET_TOKEN, [{ kind: 'up', plan: 'plan.json' }]);
    expectOperationsOk(applied);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(reviewed);
    for (const r of [review, refused, applied]) expect(r.secretFindings).toEqual([]);
    expect(filesContaining(dir, SECRET_TOKEN)).toEqual([]);
  });
});

describe('the token appears nowhere', () => {
  test('preview, up, refresh and destroy with verbose engine logs: not in state, logs, results or output', async () => {
    const dir = workDir('secrets');
    const from = sim.log.length;
    const result = await runPackagesJob({
      workDir: dir,
      sim,
      token: SECRET_TOKEN,
      params: UI_DELETE,
      logVerbosity: 9,
      operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'refresh' }, { kind: 'destroy' }],
    });
    expectOperationsOk(result);
    // The token was really used: the provider read and deleted with it (the simulator logs its label only).
    expect(stepOf(result.operations[0], 'ui-1-1-0')?.newInputs).toMatchObject({ plannedAction: 'delete' });
    expect(requestLines(mutationsSince(sim, from))).toEqual(['DELETE /orgs/acme/packages/npm/ui/versions/100207']);
    expect(new Set(sim.log.slice(from).map((e) => e.tokenLabel))).toEqual(new Set(['e2e-secret']));

    // The engine log is verbose (so a leak through the engine or the provider's gRPC traffic would show).
    const logs = fs.readdirSync(dir).filter((f) => /^engine-\d+\.log$/.test(f));
    expect(logs.length).toBeGreaterThan(0);
    expect(fs.statSync(path.join(dir, logs[0])).size).toBeGreaterThan(100_000);
    // Nothing had to be masked (secretFindings lists every place the harness found the token before masking it)...
    expect(result.secretFindings).toEqual([]);
    // ...and no file of the run holds it: backend (state, history, backups), PULUMI_HOME, logs, results, plans.
    expect(fs.existsSync(path.join(dir, 'backend', '.pulumi', 'stacks', 'e2e', 'dev.json'))).toBe(true);
    expect(filesContaining(dir, SECRET_TOKEN)).toEqual([]);
    expect(allOutputText(result)).not.toContain(SECRET_TOKEN);
  });
});

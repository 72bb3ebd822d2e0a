// The real Pulumi engine, offline, on a file backend: preview, up, refresh, a converged preview, drift, destroy,
// saved update plans, secrets, and killing a run, with a dynamic resource whose provider is loaded from
// `pulumi-github-packages/dist/...` at run time. Engine runs happen in a child Node process on built JavaScript
// (see scripts/engine/run-stack.ts), so `npm run build` must have run (`npm test` does it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineJob, EngineOperation } from '../../scripts/engine/engine-job';
import { resolvePulumiBinary } from '../../scripts/engine/engine-environment';
import { assertEngineOk, explainEngineRun, resourceSteps } from '../../scripts/engine/engine-results';
import { createEngineWorkDir, listFilesRecursively, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { processesOfRun } from '../../scripts/engine/process-tree';
import { builtFile } from '../../scripts/engine/repo-paths';
import { runEngine, startEngine, type EngineRunResult } from '../../scripts/engine/run-engine';
import { readCallLog, type RecordedCall } from '../fixtures-programs/call-recorder-provider';

const PROGRAM = { module: 'tests/fixtures-programs/smoke-program.ts', exportName: 'smokeProgram' };
const THING_TYPE = 'pulumi-nodejs:dynamic:Resource';
const TOKEN = 'ghp_smokeTestTokenThatMustNeverBeWritten0001';
const MINUTE = 60_000;

jest.setTimeout(10 * MINUTE);

beforeAll(async () => {
  // Fails with "run `npm run build` first" when dist/ is missing or stale.
  builtFile('scripts/engine/run-stack.ts');
  builtFile(PROGRAM.module);
  builtFile('tests/fixtures-programs/call-recorder-provider.ts');
  // Instant once cached; a cold machine builds the CLI from its Go module here (minutes).
  await resolvePulumiBinary();
}, 30 * MINUTE);

function job(workDir: string, operations: EngineOperation[], extra: Partial<EngineJob> = {}): EngineJob {
  return { workDir, projectName: 'smoke', stackName: 'dev', program: PROGRAM, operations, ...extra };
}

function calls(workDir: string): RecordedCall[] {
  return readCallLog(path.join(workDir, 'calls.jsonl'));
}

function world(workDir: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(workDir, 'world.json'), 'utf8')) as Record<string, string>;
}

/** A fresh engine work dir for the enclosing describe block, removed after it (`dir.path` inside its tests). */
function useWorkDir(label: string): { readonly path: string } {
  let dir: EngineWorkDir | undefined;
  beforeAll(() => {
    dir = createEngineWorkDir(label);
  });
  afterAll(async () => {
    await dir?.cleanup();
  });
  return {
    get path(): string {
      if (!dir) throw new Error(`the ${label} work dir is made in beforeAll: use it inside the tests`);
      return dir.path;
    },
  };
}

function expectOk(result: EngineRunResult): void {
  // assertEngineOk throws with the errors, diagnostics and the log's tail: the useful failure message.
  assertEngineOk(result);
  expect(result.ok).toBe(true);
}

describe('the real Pulumi engine on a file backend', () => {
  const dir = useWorkDir('smoke');

  test('preview announces the create, up creates, refresh reads, a second preview shows no changes', async () => {
    const result = await runEngine(
      job(dir.path, [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'refresh' }, { kind: 'preview', expectNoChanges: true }], {
        config: { 'smoke:token': { value: TOKEN, secret: true }, 'smoke:label': { value: 'plain' } },
        // The harness reads the outputs and update summaries from the file backend instead of asking the CLI (three
        // CLI starts after every up): here it asks the CLI as well and fails the operation if they differ.
        env: { ENGINE_HARNESS_VERIFY_BACKEND_READS: '1' },
      }),
      { timeoutMs: 5 * MINUTE },
    );
    expectOk(result);
    const [preview, up, refresh, second] = result.operations;
    const log = fs.readFileSync(result.files.log, 'utf8');
    expect(log).toContain("stack outputs: the backend's 5 equal the CLI's");
    expect(log).toContain("update summary: the backend's equals the CLI's (update succeeded)");
    expect(log).toContain("update summary: the backend's equals the CLI's (refresh succeeded)");

    const planned = resourceSteps(preview).filter((s) => s.type === THING_TYPE);
    expect(planned).toEqual([expect.objectContaining({ op: 'create', urn: 'urn:pulumi:dev::smoke::pulumi-nodejs:dynamic:Resource::thing' })]);
    expect(planned[0].newInputs).toMatchObject({ value: 'one' });
    expect(preview.summary).toMatchObject({ create: 2 }); // the stack and the thing

    expect(up.summary).toMatchObject({ create: 2 });
    expect(up.outputs).toMatchObject({
      thingId: { value: 'thing-1', secret: false },
      value: { value: 'one', secret: false },
      token: { value: '[secret]', secret: true },
    });
    expect(resourceSteps(up, { phase: 'outputs' }).map((s) => [s.op, s.type])).toEqual([['create', THING_TYPE]]);

    expect(refresh.summary).toMatchObject({ same: 2 });
    expect(second.summary).toEqual({ same: 2 });
    expect(resourceSteps(second)).toEqual([]);

    // The provider ran in the engine's plugin process, loaded by package name: create once on up, read then
    // diff on refresh (the engine diffs what it read), diff on the second preview; preview created nothing.
    expect(calls(dir.path).map((c) => c.method)).toEqual(['create', 'read', 'diff', 'diff']);
    expect(world(dir.path)).toEqual({ 'thing-1': 'one' });

    // The stub that went into state is the small `require(...)` one, not the implementation.
    const state = JSON.parse(fs.readFileSync(path.join(dir.path, 'backend/.pulumi/stacks/smoke/dev.json'), 'utf8'));
    const thing = state.checkpoint.latest.resources.find((r: { type: string }) => r.type === THING_TYPE);
    expect(thing.inputs.__provider).toContain("require('pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider')");
    expect(thing.inputs.__provider).not.toContain('appendFileSync');
  });

  test('the config secret appears in no file of the run: backend, project, job, results, log', () => {
    const files = listFilesRecursively(dir.path);
    expect(files.some((f) => f.includes(`${path.sep}backend${path.sep}`))).toBe(true);
    const leaks = files.filter((f) => fs.readFileSync(f).includes(TOKEN));
    expect(leaks).toEqual([]);
    // And nothing had to be masked: the engine itself never printed it.
    const results = fs.readdirSync(dir.path).filter((f) => /^results-\d+\.json$/.test(f));
    for (const file of results) {
      expect(JSON.parse(fs.readFileSync(path.join(dir.path, file), 'utf8')).secretFindings).toEqual([]);
    }
  });

  test('refresh finds drift, the next preview shows the fix, up applies it, destroy deletes', async () => {
    fs.writeFileSync(path.join(dir.path, 'world.json'), JSON.stringify({ 'thing-1': 'changed by hand' }));
    const before = calls(dir.path).length;
    const result = await runEngine(
      job(dir.path, [
        { kind: 'refresh' },
        { kind: 'preview', diff: true },
        { kind: 'up' },
        { kind: 'preview', expectNoChanges: true },
        { kind: 'destroy' },
        { kind: 'exportStack' },
      ]),
      { timeoutMs: 5 * MINUTE },
    );
    expectOk(result);
    const [refresh, preview, up, , destroy, exported] = result.operations;

    expect(refresh.summary).toMatchObject({ update: 1 });
    const fix = resourceSteps(preview).filter((s) => s.type === THING_TYPE);
    expect(fix).toEqual([expect.objectContaining({ op: 'update' })]);
    // Refresh updated the recorded outputs (what is live); the inputs still say what the program declared.
    expect(fix[0].oldOutputs).toMatchObject({ value: 'changed by hand' });
    expect(fix[0].newInputs).toMatchObject({ value: 'one' });
    expect(up.summary).toMatchObject({ update: 1 });
    expect(destroy.summary).toMatchObject({ delete: 2 });
    expect(world(dir.path)).toEqual({});

    expect(
      calls(dir.path)
        .slice(before)
        .map((c) => c.method),
    ).toEqual([
      'read', // refresh
      'diff',
      'diff', // preview
      'diff', // up
      'update',
      'diff', // converged preview
      'delete', // destroy
    ]);
    const deployment = exported.deployment as { deployment: { resources?: unknown[] } };
    expect(deployment.deployment.resources ?? []).toEqual([]);
  });
});

describe('update plans (preview --save-plan, up --plan)', () => {
  const dir = useWorkDir('plan');

  test('up --plan applies a saved plan, and refuses one whose checked inputs changed since', async () => {
    const result = await runEngine(
      job(dir.path, [
        { kind: 'preview', savePlan: 'create-plan.json', params: { value: 'one' } },
        { kind: 'up', plan: 'create-plan.json', params: { value: 'one' } },
        { kind: 'preview', savePlan: 'update-plan.json', params: { value: 'two' } },
        // Between review and apply the program now wants something else: the engine must refuse.
        { kind: 'up', plan: 'update-plan.json', params: { value: 'three' }, mayFail: true },
      ]),
      { timeoutMs: 5 * MINUTE },
    );
    const [, applied, reviewed, refused] = result.operations;
    if (!applied?.ok || !reviewed?.ok) throw new Error(explainEngineRun(result));
    expect(fs.existsSync(path.join(dir.path, 'create-plan.json'))).toBe(true);
    expect(applied.summary).toMatchObject({ create: 2 });
    expect(resourceSteps(reviewed).map((s) => s.op)).toEqual(['update']);

    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toContain('violates plan');
    // Refused before the provider's update ran: the live value is still the one created from the first plan.
    expect(calls(dir.path).filter((c) => c.method === 'update')).toEqual([]);
    expect(world(dir.path)).toEqual({ 'thing-1': 'one' });
  });
});

describe('program hosts', () => {
  const dir = useWorkDir('hosts');

  test("a test file's jobs share a program host, each job with its own environment and directory", async () => {
    const probe = (env: Record<string, string> | undefined, workDir: string) =>
      startEngine(job(workDir, [{ kind: 'preview' }], { params: { envProbe: 'SMOKE_PROBE' }, ...(env ? { env } : {}) }));
    const other = path.join(dir.path, 'other');
    const first = await probe({ SMOKE_PROBE: 'first job' }, dir.path);
    expectOk(await first.result);
    const second = await probe(undefined, other);
    expectOk(await second.result);
    // The second job ran in the first one's host, without the first job's variable, in its own directory.
    expect(second.pid).toBe(first.pid);
    const seen = (workDir: string) =>
      fs
        .readFileSync(path.join(workDir, 'env-probe.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { pid: number; value: string | null; cwd: string });
    expect(seen(dir.path)).toEqual([{ pid: first.pid, value: 'first job', cwd: fs.realpathSync(dir.path) }]);
    expect(seen(other)).toEqual([{ pid: first.pid, value: null, cwd: fs.realpathSync(other) }]);
  });
});

describe('killing a run', () => {
  const dir = useWorkDir('kill');

  test('SIGKILL during an apply ends every process of the run, the provider plugin included', async () => {
    const run = await startEngine(job(dir.path, [{ kind: 'up', params: { createDelayMs: 120_000 } }]), {
      timeoutMs: 5 * MINUTE,
    });
    // Wait until the provider is inside create (it logs before waiting), then pull the plug.
    const callLog = path.join(dir.path, 'calls.jsonl');
    const deadline = Date.now() + 2 * MINUTE;
    while (!readCallLog(callLog).some((c) => c.method === 'create-wait')) {
      if (Date.now() > deadline) throw new Error(`the provider never started create; see ${run.files.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The pulumi CLI and the provider plugin (+ its shell) carry the run's marker; the program host, serving job after
    // job, is the leader of the run's process group (run.pid).
    const members = processesOfRun(run.runId);
    expect(members.length).toBeGreaterThanOrEqual(2);
    expect(alive(run.pid)).toBe(true);
    run.kill('SIGKILL');
    const result = await run.result;

    expect(result.ok).toBe(false);
    expect(result.killedWith).toBe('SIGKILL');
    expect(result.signal).toBe('SIGKILL');
    expect(result.error?.name).toBe('EngineRunAborted');
    expect(result.leftoverProcesses).toEqual([]);
    expect(processesOfRun(run.runId)).toEqual([]);
    expect(alive(run.pid)).toBe(false);
    expect(calls(dir.path).map((c) => c.method)).toEqual(['create-wait']);
    // The next job gets a new host.
    const next = await startEngine(job(dir.path, [{ kind: 'preview', mayFail: true }]));
    await next.result;
    expect(next.pid).not.toBe(run.pid);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

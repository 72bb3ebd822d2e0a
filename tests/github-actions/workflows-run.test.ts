// Issue 20, point 4: the example workflows (examples/github-actions/, or $WORKFLOWS_DIR) run as written against
// the simulator through the real Pulumi CLI. Every `run:` step runs in order with bash, its env, working directory
// and `${{ }}` filled from the table of test values below (workflow-runner.ts); the `uses:` steps are replaced by
// their documented effect (`ACTIONS`). `pulumi` on PATH is the real CLI behind cli-with-program-host.js, which
// serves the project's program in place of the Node.js language host these machines cannot install; `npm ci` is
// the effect of installing the packed package beside the repo's dependencies, offline.
//
// A pull request's preview with the read-only token renders the report and posts it; the apply workflow previews
// with the read-only token and its apply job, alone holding the deleting token, runs `up --plan` on that plan and
// deletes exactly the reviewed list; dispatched from another branch it does nothing; a fork's pull request gets
// no preview and a notice. A step that breaks is noticed (the last test breaks one).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_PATHS, startSimulator, type RunningSimulator } from '../../simulator';
import { builtFile, ensureSelfLink, installDynamicProviderPlugin, repoRoot, resolvePulumiBinary } from '../../scripts/engine';
import { readWorkflow, runWorkflow, type ActionEffect, type RunnerOptions, type Workflow, type WorkflowRun } from './workflow-runner';
import { reviewedDeletions } from '../../provider/resources/retention-plan-view';

jest.setTimeout(20 * 60_000);

const WORKFLOWS_DIR = process.env.WORKFLOWS_DIR ?? path.join(repoRoot(), 'examples', 'github-actions');
const READ_TOKEN = 'ghp_workflowReadOnlyToken000000000000001';
const DELETE_TOKEN = 'ghp_workflowDeletingToken00000000000002';
const PASSPHRASE = 'workflow-test-passphrase';
const STACK = 'review';
const CLI_VERSION = '3.274.1';
const EXAMPLE = path.join(repoRoot(), 'examples', 'container-cleanup');

let sim: RunningSimulator;
let root: string;
let base: Omit<RunnerOptions, 'github' | 'root'>;
/** The pull request's comments, as GitHub's issue-comments API keeps them (a person's comment quoting the marker first). */
const comments: Array<{ id: number; body: string; user: { type: string } }> = [];

const preview = () => readWorkflow(path.join(WORKFLOWS_DIR, 'preview.yml'));
const apply = () => readWorkflow(path.join(WORKFLOWS_DIR, 'apply.yml'));

function copy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

/** What each action a workflow uses does, per its documentation, here. */
const ACTIONS: Record<string, ActionEffect> = {
  // https://github.com/actions/checkout: the repository at the event's commit in $GITHUB_WORKSPACE.
  'actions/checkout': (_inputs, job) => copy(path.join(root, 'repository'), job.workspace),
  // https://github.com/actions/setup-node: that Node and its npm on PATH. Here the test's Node and the `npm ci`
  // stand-in; the workflow must ask for a Node the newest @pulumi/pulumi supports (>= 22).
  'actions/setup-node': (inputs, job) => {
    if (!(Number(inputs['node-version']) >= 22))
      throw new Error(`node-version ${inputs['node-version']}: the newest @pulumi/pulumi needs Node >= 22`);
    job.path.unshift(path.join(root, 'tools', 'node-bin'));
  },
  // https://github.com/pulumi/actions: with `pulumi-version` and no `command`, only installs that CLI on PATH.
  'pulumi/actions': (inputs, job) => {
    if (inputs.command) throw new Error('this test stands in for pulumi/actions as an installer only');
    if (inputs['pulumi-version'] !== CLI_VERSION) throw new Error(`pulumi-version ${inputs['pulumi-version']}: the tests run CLI ${CLI_VERSION}`);
    job.path.unshift(path.join(root, 'tools', 'pulumi-bin'));
  },
  // https://github.com/actions/upload-artifact: the files under `path`, kept under `name` for the run.
  'actions/upload-artifact': (inputs) => {
    const target = path.join(inputs.__artifacts, inputs.name);
    if (fs.existsSync(target)) throw new Error(`an artifact named ${inputs.name} exists already in this run`);
    if (!fs.existsSync(inputs.path)) throw new Error(`no files at ${inputs.path}`);
    copy(inputs.path, target);
  },
  // https://github.com/actions/download-artifact: that artifact's files into `path` (relative to the workspace).
  'actions/download-artifact': (inputs, job) => {
    const source = path.join(inputs.__artifacts, inputs.name);
    if (!fs.existsSync(source)) throw new Error(`no artifact named ${inputs.name}`);
    copy(source, path.resolve(job.workspace, inputs.path));
  },
  // https://github.com/actions/github-script: `script` as an async function of github, context, core, require.
  'actions/github-script': async (inputs, job) => {
    const github = {
      paginate: async (fn: (p: unknown) => Promise<{ data: unknown[] }>, params: unknown) => (await fn(params)).data,
      rest: {
        issues: {
          listComments: async () => ({ data: comments.map((c) => ({ ...c })) }),
          createComment: async ({ body }: { body: string }) => {
            const c = { id: comments.length + 1, body, user: { type: 'Bot' } };
            comments.push(c);
            return { data: c };
          },
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
            comments.find((c) => c.id === comment_id)!.body = body;
            return { data: {} };
          },
        },
      },
    };
    const event = (job.contexts.github as { event: { pull_request: { number: number } } }).event;
    const context = { repo: { owner: 'acme', repo: 'infra' }, issue: { number: event.pull_request.number } };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    const cwd = process.cwd();
    process.chdir(job.workspace);
    try {
      await new AsyncFunction('github', 'context', 'core', 'require', inputs.script)(github, context, { info: () => undefined }, require);
    } finally {
      process.chdir(cwd);
    }
  },
};

beforeAll(async () => {
  const cli = await resolvePulumiBinary();
  builtFile('report/bin.ts');
  const host = builtFile('scripts/engine/cli-with-program-host.ts');
  ensureSelfLink();
  sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
  sim.control.issueToken({ token: READ_TOKEN, login: 'octocat', scopes: ['read:packages'], label: 'read-only' });
  sim.control.issueToken({ token: DELETE_TOKEN, login: 'octocat', scopes: ['read:packages', 'delete:packages'], label: 'deleting' });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-workflows-'));

  // The tools: `pulumi` (the real CLI, hosting the program) and `npm ci` (the package and its dependencies, offline).
  const tools = path.join(root, 'tools');
  fs.mkdirSync(path.join(tools, 'pulumi-bin'), { recursive: true });
  fs.writeFileSync(path.join(tools, 'pulumi-bin', 'pulumi'), `#!/bin/sh\nexec "${process.execPath}" "${host}" "$@"\n`, { mode: 0o755 });
  fs.mkdirSync(path.join(tools, 'node-bin'), { recursive: true });
  fs.symlinkSync(process.execPath, path.join(tools, 'node-bin', 'node'));
  fs.writeFileSync(path.join(tools, 'node-bin', 'npm'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(tools, 'npm-ci.js')}" "$@"\n`, {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(tools, 'npm-ci.js'), NPM_CI_STAND_IN);

  const pulumiHome = path.join(root, 'pulumi-home');
  installDynamicProviderPlugin(pulumiHome, repoRoot(), process.execPath);
  base = {
    repository: path.join(root, 'repository'),
    vars: { PULUMI_BACKEND_URL: `file://${path.join(root, 'backend')}`, PULUMI_STACK: STACK },
    secrets: { GITHUB_PACKAGES_READ_TOKEN: READ_TOKEN, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
    environments: { 'github-packages': { GITHUB_PACKAGES_TOKEN: DELETE_TOKEN } },
    env: {
      PATH: ['/usr/local/bin', '/usr/bin', '/bin'].join(path.delimiter),
      HOME: path.join(root, 'home'),
      PULUMI_HOME: pulumiHome,
      PULUMI_GH_REAL_CLI: cli,
      PULUMI_SKIP_UPDATE_CHECK: 'true',
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
      PULUMI_IGNORE_AMBIENT_PLUGINS: 'true',
      PULUMI_SELF_MANAGED_STATE_NO_LEGACY_WARNING: 'true',
      NO_COLOR: '1',
    },
    actions: ACTIONS,
  };
  fs.mkdirSync(path.join(root, 'backend'));
  fs.mkdirSync(base.env.HOME);

  // The repository: the container-cleanup example at PROJECT_DIR, and the stack a person created once with
  // `pulumi stack init` and `pulumi config set` (no token: the workflows give it through GITHUB_TOKEN).
  const projectDir = String(preview().env!.PROJECT_DIR);
  expect(apply().env!.PROJECT_DIR).toBe(projectDir);
  const project = path.join(base.repository, projectDir);
  for (const file of ['Pulumi.yaml', 'index.ts', 'program.ts', 'package.json', 'tsconfig.json'])
    copy(path.join(EXAMPLE, file), path.join(project, file));
  fs.writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: 'container-cleanup', lockfileVersion: 3, packages: {} }));
  const pulumi = (...args: string[]) =>
    execFileSync(cli, [...args, '--stack', STACK, '--non-interactive'], {
      cwd: project,
      env: {
        ...base.env,
        PATH: `${path.dirname(process.execPath)}:${base.env.PATH}`,
        PULUMI_BACKEND_URL: base.vars.PULUMI_BACKEND_URL,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      },
      encoding: 'utf8',
    });
  pulumi('stack', 'init');
  pulumi('config', 'set', 'org', 'demo-org');
  pulumi('config', 'set', 'image', 'web');
  pulumi('config', 'set', 'github-packages:baseUrl', sim.baseUrl);
  pulumi('config', 'set', 'github-packages:registryUrl', sim.baseUrl);
  pulumi('config', 'set', 'github-packages:mutationIntervalMs', '0');
  comments.push({ id: 1, body: '<!-- pulumi-github-packages review: container-cleanup/review -->\nquoted by a person', user: { type: 'User' } });
}, 40 * 60_000);

afterAll(async () => {
  await sim?.stop();
  if (root && !process.env.PULUMI_GH_KEEP_ENGINE_WORKDIRS) fs.rmSync(root, { recursive: true, force: true });
});

/** `npm ci`'s effect: node_modules as the lock file says, here the packed package beside the repo's dependencies. */
const NPM_CI_STAND_IN = `
const fs = require('fs'), path = require('path');
const [command] = process.argv.slice(2);
if (command !== 'ci') { console.error('npm ' + process.argv.slice(2).join(' ') + ': only npm ci has a stand-in in this test'); process.exit(1); }
for (const f of ['package.json', 'package-lock.json']) if (!fs.existsSync(f)) { console.error('npm ci: no ' + f + ' in ' + process.cwd()); process.exit(1); }
const repo = ${JSON.stringify(repoRoot())};
fs.rmSync('node_modules', { recursive: true, force: true });
fs.mkdirSync('node_modules/.bin', { recursive: true });
for (const entry of fs.readdirSync(path.join(repo, 'node_modules'))) {
  if (entry.startsWith('.') || entry === 'pulumi-github-packages') continue;
  fs.symlinkSync(path.join(repo, 'node_modules', entry), path.join('node_modules', entry));
}
fs.symlinkSync(repo, 'node_modules/pulumi-github-packages');
const { bin } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
for (const [name, file] of Object.entries(bin)) {
  fs.chmodSync(path.join(repo, file), 0o755);
  fs.symlinkSync(path.join('..', 'pulumi-github-packages', file), path.join('node_modules/.bin', name));
}
`;

const PR = {
  event_name: 'pull_request',
  ref: 'refs/pull/12/merge',
  repository: 'acme/infra',
  run_id: '1001',
  event: { pull_request: { number: 12, head: { sha: 'feedface', repo: { full_name: 'acme/infra' } } }, repository: { default_branch: 'main' } },
};
const PUSH = {
  event_name: 'push',
  ref: 'refs/heads/main',
  repository: 'acme/infra',
  run_id: '2002',
  event: { repository: { default_branch: 'main' } },
};

async function run(workflow: Workflow, github: Record<string, unknown>, name: string): Promise<WorkflowRun> {
  return runWorkflow(workflow, { ...base, github, root: path.join(root, name) });
}

/** Version ids in the engine's preview (checked inputs of every step), sorted. */
function plannedIds(previewJson: string): number[] {
  const doc = JSON.parse(previewJson) as { steps: Array<{ newState?: { inputs?: { pendingDeletions?: Record<string, unknown> } } }> };
  return doc.steps
    .flatMap((s) => reviewedDeletions(s.newState?.inputs?.pendingDeletions))
    .map((d) => d.id)
    .sort((a, b) => a - b);
}

function explain(result: WorkflowRun): string {
  return Object.values(result.jobs)
    .flatMap((j) =>
      j.steps.map(
        (s) => `${j.name} / ${s.name}: ${s.outcome}${s.outcome === 'failure' ? `\n${s.stdout.slice(-2000)}\n${s.stderr.slice(-4000)}` : ''}`,
      ),
    )
    .join('\n');
}

const mutations = (from: number) => sim.mutations().slice(from);

test("a pull request's preview with the read-only token renders the whole plan and posts it; nothing is sent that changes GitHub", async () => {
  const from = sim.log.length;
  const mutationsBefore = sim.mutations().length;
  const result = await run(preview(), PR, 'pr');
  expect(explain(result)).not.toMatch(/: failure/);
  expect(result.jobs.preview.result).toBe('success');
  expect(result.jobs.fork.result).toBe('skipped');
  expect(mutations(mutationsBefore)).toEqual([]);
  // Every authenticated request carried the read-only token (the registry's token flow starts unauthenticated).
  expect(new Set(sim.log.slice(from).flatMap((e) => (e.tokenLabel ? [e.tokenLabel.replace(/^registry:/, '')] : [])))).toEqual(new Set(['read-only']));

  const review = path.join(result.artifacts, 'github-packages-plan-feedface');
  const previewJson = fs.readFileSync(path.join(review, 'preview.json'), 'utf8');
  const planned = plannedIds(previewJson);
  expect(planned.length).toBeGreaterThan(0);
  const markdown = fs.readFileSync(path.join(review, 'report.md'), 'utf8');
  expect(markdown.split('\n')[0]).toBe(`<!-- pulumi-github-packages review: container-cleanup/${STACK} -->`);
  expect(markdown).toContain(`## GitHub Packages review: ${planned.length} deletions`);
  // The reviewer is told, once, that applying needs the deleting scope.
  expect(markdown.match(/applying it needs 'delete:packages'/g)).toHaveLength(1);
  const text = fs.readFileSync(path.join(review, 'report.txt'), 'utf8');
  for (const id of planned) expect(text).toMatch(new RegExp(`\\s${id}\\s`));
  expect(result.jobs.preview.summary).toBe(markdown);
  // The comment: one per stack, the person's comment quoting the marker left alone.
  expect(comments.map((c) => c.user.type)).toEqual(['User', 'Bot']);
  expect(comments[1].body).toBe(markdown);
  // Nothing the pull request's job kept holds a token.
  for (const file of fs.readdirSync(review)) {
    const content = fs.readFileSync(path.join(review, file), 'utf8');
    for (const token of [READ_TOKEN, DELETE_TOKEN]) expect(content).not.toContain(token);
  }
  expect(fs.readFileSync(path.join(review, 'plan.json'), 'utf8')).not.toContain('github-packages:token');
});

test('apply.yml: the plan job previews with the read-only token; the apply job deletes exactly the reviewed list with the deleting token', async () => {
  const from = sim.log.length;
  const mutationsBefore = sim.mutations().length;
  const result = await run(apply(), PUSH, 'apply');
  expect(explain(result)).not.toMatch(/: failure/);
  expect(result.jobs.plan.outputs.changes).toBe('true');
  expect(result.jobs.apply.result).toBe('success');
  const review = path.join(result.artifacts, 'github-packages-plan-2002');
  const reviewed = plannedIds(fs.readFileSync(path.join(review, 'preview.json'), 'utf8'));
  expect(result.jobs.plan.summary).toContain(`## GitHub Packages review: ${reviewed.length} deletions`);
  const deleted = mutations(mutationsBefore);
  expect(deleted.map((e) => Number(/\/versions\/(\d+)$/.exec(e.path)?.[1])).sort((a, b) => a - b)).toEqual(reviewed);
  expect(new Set(deleted.map((e) => e.tokenLabel))).toEqual(new Set(['deleting']));
  // The deleting token was used by the apply job only, and the plan job's requests all carried the read-only one.
  const labels = sim.log.slice(from).flatMap((e) => (e.tokenLabel ? [e.tokenLabel.replace(/^registry:/, '')] : []));
  expect(labels.lastIndexOf('read-only')).toBeLessThan(labels.indexOf('deleting'));
  for (const file of fs.readdirSync(review)) expect(fs.readFileSync(path.join(review, file), 'utf8')).not.toContain(DELETE_TOKEN);

  // Converged: the next scheduled run plans nothing and skips the apply job.
  const again = await run(apply(), { ...PUSH, event_name: 'schedule', run_id: '2003' }, 'apply-again');
  expect(again.jobs.plan.outputs.changes).toBe('false');
  expect(again.jobs.apply.result).toBe('skipped');
});

test('apply.yml dispatched from another branch plans and deletes nothing; a fork pull request gets a notice, no preview', async () => {
  const from = sim.log.length;
  const dispatched = await run(apply(), { ...PUSH, event_name: 'workflow_dispatch', ref: 'refs/heads/feature', run_id: '3003' }, 'dispatch');
  expect(dispatched.jobs.plan.result).toBe('skipped');
  expect(dispatched.jobs.apply.result).toBe('skipped');
  const fork = await run(
    preview(),
    {
      ...PR,
      run_id: '3004',
      event: { ...PR.event, pull_request: { ...PR.event.pull_request, head: { sha: 'f0f0', repo: { full_name: 'mallory/infra' } } } },
    },
    'fork',
  );
  expect(fork.jobs.preview.result).toBe('skipped');
  expect(fork.jobs.comment.result).toBe('skipped');
  expect(fork.jobs.fork.summary).toContain('comes from a fork');
  expect(sim.log.length).toBe(from);
});

test('a broken step is noticed: a report step with a typo in its input fails the job', async () => {
  const broken = preview();
  const step = broken.jobs.preview.steps.find((s) => s.name === 'Render the review report')!;
  step.run = step.run!.replace(/"\$review\/preview\.json"/g, '"$review/preview.jsn"');
  expect(step.run).toContain('preview.jsn');
  const result = await run(
    broken,
    {
      ...PR,
      run_id: '4004',
      event: { ...PR.event, pull_request: { ...PR.event.pull_request, head: { sha: 'b0b0', repo: { full_name: 'acme/infra' } } } },
    },
    'broken',
  );
  expect(result.jobs.preview.result).toBe('failure');
  expect(result.jobs.preview.steps.find((s) => s.name === 'Render the review report')?.outcome).toBe('failure');
});

// The example GitHub Actions workflows (examples/github-actions/): every workflow passes actionlint, and the
// steps that can run here run as written: the report steps on real `pulumi preview --json` output of an example
// (previewed through the real engine against the simulator), the "Anything to apply?" step before and after an
// apply, and the comment script against an in-memory stand-in for GitHub's issue-comments API (updated in
// place, one comment per stack). The `pulumi preview`/`pulumi up` steps themselves need the Node.js language
// host, which this machine cannot fetch: their exact flags are what the engine harness runs (tests/report).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_PATHS, startSimulator, type RunningSimulator } from '../../simulator';
import { builtFile, repoRoot, resolvePulumiBinary } from '../../scripts/engine';
import { EXAMPLES } from '../examples/run-example';
import { captureEngineOutput, type CapturedEngineOutput } from '../report/capture-engine-output';

jest.setTimeout(5 * 60_000);

// js-yaml comes with @pulumi/pulumi (one of its dependencies); only this test reads YAML.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const WORKFLOWS_DIR = path.join(repoRoot(), 'examples', 'github-actions');
const WORKFLOWS = fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.yml'));

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
}

function workflow(file: string): Workflow {
  return yaml.load(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as Workflow;
}

function step(file: string, name: string): Step {
  const found = Object.values(workflow(file).jobs)
    .flatMap((j) => j.steps)
    .find((s) => s.name === name);
  if (!found) throw new Error(`${file} has no step "${name}"`);
  return found;
}

test('every workflow passes actionlint', () => {
  expect(WORKFLOWS.sort()).toEqual(['apply.yml', 'preview.yml']);
  const actionlint = execFileSync('bash', [path.join(repoRoot(), 'scripts', 'ensure-actionlint.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  const result = spawnSync(actionlint, ['-no-color', ...WORKFLOWS], { cwd: WORKFLOWS_DIR, encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});

describe('steps run as written', () => {
  let sim: RunningSimulator;
  let captured: CapturedEngineOutput;
  let runner: string;

  beforeAll(async () => {
    await resolvePulumiBinary();
    builtFile('report/bin.ts');
    sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
    captured = await captureEngineOutput(sim, EXAMPLES.containerCleanup, { apply: true, previewAfter: true });
  }, 30 * 60_000);
  afterAll(async () => {
    await sim?.stop();
    if (runner) fs.rmSync(runner, { recursive: true, force: true });
  });

  /**
   * A runner's workspace: the project dir with the package's bin where `npm ci` puts it (a link to the built
   * bin, as npm makes it), $RUNNER_TEMP/review/ holding what the preview step wrote, and the files GitHub
   * provides for outputs and the job summary.
   */
  function runStep(file: string, name: string, previewJson: string): { summary: string; output: string; review: string } {
    if (runner) fs.rmSync(runner, { recursive: true, force: true });
    runner = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-runner-'));
    const wf = workflow(file);
    const project = path.join(runner, 'workspace', wf.env!.PROJECT_DIR);
    const bin = path.join(project, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    const target = path.join(repoRoot(), 'dist', 'report', 'bin.js');
    fs.chmodSync(target, 0o755);
    fs.symlinkSync(target, path.join(bin, 'github-packages-report'));
    const temp = path.join(runner, 'temp');
    fs.mkdirSync(path.join(temp, 'review'), { recursive: true });
    fs.writeFileSync(path.join(temp, 'review', 'preview.json'), previewJson);
    const files = { GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'), GITHUB_OUTPUT: path.join(runner, 'output.txt') };
    for (const f of Object.values(files)) fs.writeFileSync(f, '');
    const s = step(file, name);
    const cwd = s['working-directory'] ? project : path.join(runner, 'workspace');
    // GitHub runs `run:` with `bash -e {0}` (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell).
    const script = path.join(runner, 'step.sh');
    fs.writeFileSync(script, s.run!);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: temp, ...wf.env, ...files },
    });
    if (result.status !== 0) throw new Error(`step "${name}" of ${file} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    return {
      summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      output: fs.readFileSync(files.GITHUB_OUTPUT, 'utf8'),
      review: path.join(temp, 'review'),
    };
  }

  test('preview.yml "Render the review report": the comment body and the text report from the engine JSON', () => {
    const { summary, review } = runStep('preview.yml', 'Render the review report', captured.previewJson);
    const markdown = fs.readFileSync(path.join(review, 'report.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('<!-- pulumi-github-packages review: container-cleanup/test -->');
    expect(markdown).toContain('## GitHub Packages review: 36 deletions');
    expect(summary).toBe(markdown);
    const text = fs.readFileSync(path.join(review, 'report.txt'), 'utf8');
    for (const c of captured.planned) expect(text).toContain(`${c.versionId}  ${c.versionName}`);
  });

  test('apply.yml: "Anything to apply?" is true before the apply and false on the converged stack; the summary holds the report', () => {
    expect(runStep('apply.yml', 'Anything to apply?', captured.previewJson).output).toBe('changes=true\n');
    expect(runStep('apply.yml', 'Anything to apply?', captured.previewAfterJson!).output).toBe('changes=false\n');
    const { summary } = runStep('apply.yml', 'Report in the job summary', captured.previewJson);
    expect(summary).toContain('## GitHub Packages review: 36 deletions');
    expect(summary).not.toContain('more not shown');
  });

  test('preview.yml comment script: one comment per stack, updated in place on the next push', async () => {
    const { review } = runStep('preview.yml', 'Render the review report', captured.previewJson);
    const script = step('preview.yml', 'Post or update the review comment').with!.script;
    // GitHub's issue comments, in memory: what listComments/createComment/updateComment do to one pull request.
    const comments: Array<{ id: number; body: string; user: { type: string } }> = [
      { id: 1, body: '<!-- pulumi-github-packages review: container-cleanup/test -->\nquoted by a person', user: { type: 'User' } },
    ];
    const calls: string[] = [];
    const github = {
      paginate: async (fn: (p: unknown) => Promise<{ data: unknown[] }>, params: unknown) => (await fn(params)).data,
      rest: {
        issues: {
          listComments: async () => ({ data: comments.map((c) => ({ ...c })) }),
          createComment: async ({ body }: { body: string }) => {
            calls.push('create');
            const c = { id: comments.length + 1, body, user: { type: 'Bot' } };
            comments.push(c);
            return { data: c };
          },
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
            calls.push(`update ${comment_id}`);
            comments.find((c) => c.id === comment_id)!.body = body;
            return { data: {} };
          },
        },
      },
    };
    const context = { repo: { owner: 'acme', repo: 'infra' }, issue: { number: 12 } };
    const core = { info: () => undefined };
    const run = async () => {
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
      const cwd = process.cwd();
      process.chdir(path.dirname(review)); // the script reads review/report.md from the job's workspace
      try {
        await new AsyncFunction('github', 'context', 'core', 'require', script)(github, context, core, require);
      } finally {
        process.chdir(cwd);
      }
    };
    await run();
    await run();
    expect(calls).toEqual(['create', 'update 2']);
    expect(comments).toHaveLength(2);
    expect(comments[0].body).toContain('quoted by a person'); // a person's comment quoting the marker is left alone
    expect(comments[1].body).toBe(fs.readFileSync(path.join(review, 'report.md'), 'utf8'));
  });
});

test('the packed package ships the report bin', () => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot(), encoding: 'utf8' }),
  ) as Array<{ files: Array<{ path: string }> }>;
  const files = packed[0].files.map((f) => f.path);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(files).toContain(pkg.bin['github-packages-report']);
  expect(files).toContain('dist/report/index.js');
  expect(files).toContain('dist/provider/resources/retention-plan-view.js');
});

test('the bin refuses what is not engine output (exit 2, saying what to pass), so a workflow step fails visibly', () => {
  const bin = builtFile('report/bin.ts');
  const result = spawnSync(process.execPath, [bin], { input: 'Previewing update (prod):\n', encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('pass the stdout of `pulumi preview --json`');
});

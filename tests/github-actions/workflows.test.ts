// The example GitHub Actions workflows (examples/github-actions/) pass actionlint, and the report bin they run
// ships and fails a step visibly on input it cannot use. The workflows' steps themselves run, as written, in
// workflows-run.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, repoRoot } from '../../scripts/engine';
import { interpolate } from './workflow-expressions';
import { readWorkflow } from './workflow-runner';

const WORKFLOWS_DIR = process.env.WORKFLOWS_DIR ?? path.join(repoRoot(), 'examples', 'github-actions');
const WORKFLOWS = fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.yml'));

test('every workflow passes actionlint, and its concurrency group comes from the stack', () => {
  expect(WORKFLOWS.sort()).toEqual(['apply.yml', 'preview.yml']);
  const actionlint = execFileSync('bash', [path.join(repoRoot(), 'scripts', 'ensure-actionlint.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  const result = spawnSync(actionlint, ['-no-color', ...WORKFLOWS], { cwd: WORKFLOWS_DIR, encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
  const contexts = { github: { event: { pull_request: { number: 7 } } }, vars: { PULUMI_STACK: 'staging' }, inputs: {} };
  for (const file of WORKFLOWS) expect(interpolate(readWorkflow(path.join(WORKFLOWS_DIR, file)).concurrency!.group, contexts)).toContain('staging');
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

test('the bin writes the report and exits 3 when the plan holds a change it cannot read, so the workflow step fails', () => {
  const bin = builtFile('report/bin.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-bin-'));
  try {
    const retention = 'pulumi-nodejs:dynamic/github-packages:PackageVersionRetention';
    const preview = {
      steps: [
        {
          op: 'create',
          urn: `urn:pulumi:prod::infra::${retention}::images`,
          newState: {
            type: retention,
            inputs: { org: 'acme', packageType: 'npm', pendingDeletions: { ui: { '7': 'not a line this report can read' } } },
          },
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'preview.json'), JSON.stringify(preview));
    const result = spawnSync(process.execPath, [bin, '--output', path.join(dir, 'report.md'), path.join(dir, 'preview.json')], { encoding: 'utf8' });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('1 planned change(s) could not be read');
    const report = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(report).toContain('## GitHub Packages review: 1 deletion');
    expect(report).toContain('This report cannot read 1 planned change');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the bin refuses what is not engine output (exit 2, saying what to pass), so a workflow step fails visibly', () => {
  const bin = builtFile('report/bin.ts');
  const result = spawnSync(process.execPath, [bin], { input: 'Previewing update (prod):\n', encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('pass the stdout of `pulumi preview --json`');
});

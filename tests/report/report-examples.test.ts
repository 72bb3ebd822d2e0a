// The review report on real engine output: each example previewed through the real Pulumi engine against the
// simulator with `pulumi preview --json --save-plan`, the report rendered from that JSON and from the saved plan,
// then the plan applied with `pulumi up --plan`. The report must list exactly what the engine's structured
// events announced and exactly what GitHub (the simulator) then received; nothing is written by hand.
// docs/review-report-example.md (the README's example of a rendered report) is this file's first report; the test
// fails when it differs but for the times, and `REVIEW_REPORT=1` rewrites it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_PATHS, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, resolvePulumiBinary, repoRoot, runEngine } from '../../scripts/engine';
import { changeKey } from '../../scripts/demo/planned-changes';
import { GITHUB_COMMENT_LIMIT, renderMarkdown, renderText, reviewFromEngineOutput, type Review } from '../../report';
import { codeSpan } from '../../report/inert-text';
import { packagesJob } from '../e2e/e2e-helpers';
import { EXAMPLES, withoutMovingParts } from '../examples/run-example';
import { captureEngineOutput, type CapturedEngineOutput } from './capture-engine-output';

jest.setTimeout(5 * 60_000);

let sim: RunningSimulator;
beforeAll(async () => {
  await resolvePulumiBinary();
  sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
}, 30 * 60_000);
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => sim.reset());

/** The report's changes as the keys the demo and the simulator log share (`delete demo-org/container/app@9001002`). */
function reportKeys(review: Review): string[] {
  return review.resources
    .flatMap((r) =>
      r.changes.map((c) =>
        changeKey({
          action: c.action,
          owner: r.owner,
          packageType: r.packageType,
          packageName: c.packageName,
          versionId: c.versionId === undefined ? undefined : Number(c.versionId),
        }),
      ),
    )
    .sort();
}

function expectReportMatchesEngine(captured: CapturedEngineOutput): { fromPreview: Review; fromPlan: Review } {
  const fromPreview = reviewFromEngineOutput(captured.previewJson);
  const fromPlan = reviewFromEngineOutput(captured.planJson);
  const announced = captured.planned.map(changeKey).sort();
  expect(announced.length).toBeGreaterThan(0);
  expect(reportKeys(fromPreview)).toEqual(announced);
  expect(reportKeys(fromPlan)).toEqual(announced);
  // `up --plan` made exactly the calls the report lists, and each succeeded.
  expect(captured.applied.map(changeKey).sort()).toEqual(announced);
  expect(captured.applied.filter((c) => c.status !== 204)).toEqual([]);
  return { fromPreview, fromPlan };
}

/** Every change appears in the Markdown with its id, name, time and rule; every warning whole. */
function expectMarkdownComplete(review: Review, markdown: string): void {
  expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(markdown).not.toContain('more not shown');
  const lines = markdown.split('\n');
  for (const r of review.resources) {
    for (const c of r.changes) {
      const row = lines.find((l) => l.startsWith('| ') && l.includes(` ${c.versionId ?? '(package)'} `) && l.includes(codeSpan(c.rule, true)));
      expect(row).toBeDefined();
      if (c.versionName) expect(row).toContain(codeSpan(c.versionName, true));
      if (c.time) expect(row).toContain(codeSpan(c.time, true));
    }
    for (const w of r.warnings) for (const line of w.split('\n')) expect(markdown).toContain(codeSpan(line));
  }
}

test('container-cleanup: the report lists the 36 deletions the engine announced and up --plan made, as images, with the warnings whole', async () => {
  // A kept image that lost a platform manifest (deleted by hand): the preview warns of a partial image, a warning
  // longer than the 150 characters the CLI shows.
  sim.control.deleteVersion({ owner: 'demo-org', packageType: 'container', packageName: 'web', versionId: 9008061 });
  const captured = await captureEngineOutput(sim, EXAMPLES.containerCleanup, { apply: true });
  const { fromPreview, fromPlan } = expectReportMatchesEngine(captured);
  const [policy] = fromPreview.resources;
  expect(policy).toMatchObject({
    name: 'image-retention',
    kind: 'PackageVersionRetention',
    op: 'create',
    owner: 'demo-org',
    packageType: 'container',
  });
  // 6 whole images: index (tagged 1.0.N), 2 platform manifests, 2 attestations, a cosign signature (tagged .sig).
  expect(policy.changes).toHaveLength(36);
  expect(policy.changes.filter((c) => c.tags?.length === 0)).toHaveLength(24);
  expect(policy.changes.filter((c) => c.tags?.length && !c.tags[0].startsWith('sha256-')).map((c) => c.tags)).toEqual(
    [0, 1, 2, 3, 4, 5].map((i) => [`1.0.${i}`]),
  );
  expect(policy.estimate).toMatch(/^36 deletions take about/);
  // The CLI cuts these at 150 characters; the report carries them whole.
  expect(policy.warnings).toEqual([
    expect.stringMatching(/^package "web": 1 image\(s\) reference manifests that are gone .*9008065 \[1\.0\.10\] \(partial: 1 missing\)$/),
  ]);
  expect(policy.warnings.every((w) => w.length > 150 && !w.endsWith('...'))).toBe(true);
  expect(fromPlan.resources.map((r) => r.changes)).toEqual(fromPreview.resources.map((r) => r.changes));

  const markdown = renderMarkdown(fromPreview);
  expectMarkdownComplete(fromPreview, markdown);
  expect(markdown.split('\n')[0]).toBe('<!-- pulumi-github-packages review: container-cleanup/test -->');
  expect(markdown).toContain('## GitHub Packages review: 36 deletions');
  expect(markdown).toContain('<details>'); // 36 rows: collapsed
  const text = renderText(fromPreview);
  for (const c of policy.changes) expect(text).toContain(`${c.versionId}  ${c.versionName}`);
  for (const w of policy.warnings) expect(text).toContain(w);

  const intro = [
    '<!-- Generated by tests/report/report-examples.test.ts with REVIEW_REPORT=1: do not edit. -->',
    '# Example: the review report of `examples/container-cleanup`',
    '',
    'What `github-packages-report` posts on a pull request, rendered from the `pulumi preview --json` output of a real',
    "engine run of [`examples/container-cleanup`](../examples/container-cleanup) against the simulator's demo fixture,",
    'after one platform manifest of the kept image `1.0.10` was deleted by hand (so the report shows the warning about',
    'a partial image). The fixture dates versions relative to the run; the estimate says 0 s because the tests run with',
    '`github-packages:mutationIntervalMs` 0: at the default pace it reads 36 s. The test fails when this page differs',
    'from its run but for the times and digests. Everything below the line is the report.',
    '',
    '---',
    '',
  ].join('\n');
  const page = path.join(repoRoot(), 'docs', 'review-report-example.md');
  if (process.env.REVIEW_REPORT === '1') fs.writeFileSync(page, `${intro}${markdown}`);
  // Rerun with REVIEW_REPORT=1 to write this run's report there.
  expect(withoutMovingParts(fs.readFileSync(page, 'utf8'))).toBe(withoutMovingParts(`${intro}${markdown}`));
});

test('package-version: a deletion and two restores (one of a whole package) with their desired state', async () => {
  const captured = await captureEngineOutput(sim, EXAMPLES.packageVersion, { apply: true });
  const { fromPreview } = expectReportMatchesEngine(captured);
  const changes = fromPreview.resources.flatMap((r) => r.changes.map((c) => ({ kind: r.kind, ...c })));
  expect(changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        kind: 'PackageVersion',
        action: 'delete',
        versionId: '9001056',
        tags: ['pr-495'],
        rule: 'PackageVersion state: deleted',
      }),
      expect.objectContaining({
        kind: 'PackageVersion',
        action: 'restore',
        versionId: '9001001',
        tags: ['v1.0.0'],
        rule: 'PackageVersion state: active',
      }),
      expect.objectContaining({ kind: 'Package', action: 'restore', packageName: 'old-client', rule: 'Package state: active' }),
    ]),
  );
  const markdown = renderMarkdown(fromPreview);
  expectMarkdownComplete(fromPreview, markdown);
  expect(markdown).toContain('## GitHub Packages review: 1 deletion, 2 restores');
});

test('org-wide and npm-prereleases: one section per package, every deletion listed', async () => {
  for (const spec of [EXAMPLES.orgWide, EXAMPLES.npmPrereleases]) {
    sim.reset();
    const captured = await captureEngineOutput(sim, spec, { apply: true });
    const { fromPreview } = expectReportMatchesEngine(captured);
    const markdown = renderMarkdown(fromPreview);
    expectMarkdownComplete(fromPreview, markdown);
    const packages = [...new Set(captured.planned.map((c) => `${c.packageType}/${c.packageName}`))];
    for (const pkg of packages) expect(markdown).toMatch(new RegExp(`^### .*: \`${pkg.replace('/', '\\/')}\`, \\d+ to delete$`, 'm'));
  }
});

test('an existing policy tightened (an update step): the plan and the JSON give the same report, and up --plan does it', async () => {
  const policy = (keepNewest: number) => ({
    retentions: {
      images: {
        org: 'demo-org',
        packageType: 'container',
        packages: ['app'],
        imageGraph: 'off',
        keepNewest,
        untaggedContainers: 'delete',
        maxShareOfPackage: 0.9,
      },
    },
  });
  const captured = await captureEngineOutput(sim, undefined, {
    apply: true,
    before: [{ kind: 'up', params: policy(50) }],
    params: policy(40),
    job: (workDir, operations) => packagesJob({ workDir, sim, token: FIXTURE_TOKENS.admin, params: {}, operations }),
  });
  const { fromPreview, fromPlan } = expectReportMatchesEngine(captured);
  expect(fromPreview.resources.map((r) => r.op)).toEqual(['update']);
  expect(fromPreview.resources[0].changes).toHaveLength(10);
  expect(fromPlan.resources[0].changes).toEqual(fromPreview.resources[0].changes);
});

test('a preview that fails (a check failure): the report says so and carries the engine error whole', async () => {
  const dir = createEngineWorkDir('report-failed-preview');
  try {
    const result = await runEngine(
      packagesJob({
        workDir: dir.path,
        sim,
        token: FIXTURE_TOKENS.admin,
        // Deleting all but one version is over maxShareOfPackage 0.5: check fails, naming it.
        params: {
          retentions: {
            images: {
              org: 'demo-org',
              packageType: 'container',
              packages: ['app'],
              imageGraph: 'off',
              keepNewest: 1,
              untaggedContainers: 'delete',
              maxShareOfPackage: 0.5,
            },
          },
        },
        operations: [{ kind: 'preview', json: true, mayFail: true }],
      }),
      { timeoutMs: 4 * 60_000 },
    );
    const [preview] = result.operations;
    expect(preview.ok).toBe(false);
    const review = reviewFromEngineOutput(preview.stdout);
    const errors = review.messages.filter((m) => m.severity === 'error');
    expect(errors.some((e) => e.message.includes('maxShareOfPackage'))).toBe(true);
    const markdown = renderMarkdown(review);
    expect(markdown).toContain('## GitHub Packages review: the preview failed');
    expect(markdown).not.toContain('No GitHub Packages resource');
    for (const e of errors) for (const line of e.message.split('\n')) if (line.trim()) expect(markdown).toContain(codeSpan(line));
    expect(renderText(review)).toMatch(/^error.*maxShareOfPackage/m);
  } finally {
    await dir.cleanup();
  }
});

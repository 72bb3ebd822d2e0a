// The review report's rendering rules, on review models (the engine-output tests in tests/report cover reading
// real engine JSON): text from GitHub is inert in Markdown, the size limit holds with a clear count of what is
// left out, long lists collapse, and a resource whose step makes no call lists nothing as a change.
import { readEngineDocument, renderMarkdown, renderText, reviewOf, UNKNOWN, type ResourceReview, type Review } from '../../report';

function policy(overrides: Partial<ResourceReview> = {}): ResourceReview {
  return {
    urn: 'urn:pulumi:prod::infra::pulumi-nodejs:dynamic/github-packages:PackageVersionRetention::images',
    name: 'images',
    kind: 'PackageVersionRetention',
    op: 'update',
    acts: true,
    owner: 'acme',
    packageType: 'container',
    changes: [],
    images: [],
    heldBack: {},
    remainingForNextRun: 0,
    warnings: [],
    unknownProperties: [],
    unreadableLines: [],
    ...overrides,
  };
}

function review(resources: ResourceReview[]): Review {
  return { source: 'preview', project: 'infra', stack: 'prod', resources, messages: [] };
}

function deletions(n: number, packageName = 'web') {
  return Array.from({ length: n }, (_, i) => ({
    action: 'delete' as const,
    packageName,
    versionId: String(1000 + i),
    versionName: `sha256:${i.toString(16).padStart(64, '0')}`,
    tags: [],
    time: '2026-01-01T00:00:00Z',
    timeBasis: 'created' as const,
    rule: 'olderThan 14d',
  }));
}

test('names, tags and warnings from GitHub cannot break the table or inject markup', () => {
  const hostile = '1.0|<img src=x onerror=alert(1)>`[link](http://x)`';
  const md = renderMarkdown(
    review([
      policy({
        packageType: 'maven',
        changes: [
          {
            action: 'delete',
            packageName: 'lib|x',
            versionId: '7',
            versionName: hostile,
            time: '2026-01-01T00:00:00Z',
            timeBasis: 'created',
            rule: 'keepNewest 5',
          },
        ],
        warnings: ['package "lib|x": <script>alert(1)</script> **bold**'],
      }),
    ]),
  );
  // Each value from GitHub is one code span (nothing inside one is markup); the name's `|` is escaped for the table.
  const row = md.split('\n').find((l) => l.startsWith('| delete | 7 |'))!;
  expect(row).toContain(' `` 1.0\\|<img src=x onerror=alert(1)>`[link](http://x)` `` ');
  expect(md).toContain('`package "lib|x": <script>alert(1)</script> **bold**`');
  expect(md).toContain('### `images`: `maven/lib|x`, 1 to delete');
});

test('over the size limit: totals stay whole, the list stops at a row, and the report says how many more', () => {
  const md = renderMarkdown(review([policy({ changes: [...deletions(600), ...deletions(50, 'api')] })]), { maxChars: 20_000 });
  expect(md.length).toBeLessThanOrEqual(20_000);
  expect(md).toMatch(/^\| `images` PackageVersionRetention \| update \| `container\/web` \| 600 \|/m);
  expect(md).toMatch(/^\| `images` PackageVersionRetention \| update \| `container\/api` \| 50 \|/m);
  const listed = md.split('\n').filter((l) => l.startsWith('| delete |')).length;
  expect(listed).toBeLessThan(600);
  expect(md).toContain(`This report lists ${listed} of 650 changes`);
  expect(md).toContain(`**${600 - listed} more not shown**`);
  // The api package's list does not start once the budget is spent; the notice counts it.
  expect(md).toContain(`**${650 - listed} more** are not listed here`);
  expect(md).not.toContain('`container/api`, 50 to delete');
});

test('lists longer than collapseAfter are collapsed; short ones are not', () => {
  expect(renderMarkdown(review([policy({ changes: deletions(31) })]))).toContain('<summary>31 versions</summary>');
  expect(renderMarkdown(review([policy({ changes: deletions(30) })]))).not.toContain('<details>');
});

test('held back, next run, estimate and image trees are shown; the text report has every row', () => {
  const r = review([
    policy({
      changes: deletions(3),
      heldBack: { web: { 'deferred-by-cap': 12, 'last-tagged-version': 1 } },
      remainingForNextRun: 12,
      estimate: '3 deletions take about 3 s at one every 1000 ms (github-packages:mutationIntervalMs)',
      images: [{ packageName: 'web', rootId: '1000', lines: ['[1.0] index 1000 sha256:aa…', '  └─ linux/amd64 1001 sha256:bb…'] }],
    }),
  ]);
  const md = renderMarkdown(r);
  expect(md).toMatch(/\| `container\/web` \| 3 \| {2}\| 1: GitHub keeps a container package's last tagged version \| 12 \|/);
  expect(md).toContain('**12** wait for the next run');
  expect(md).toContain('```text\n[1.0] index 1000 sha256:aa…\n  └─ linux/amd64 1001 sha256:bb…\n```');
  const text = renderText(r);
  expect(text).toContain('held back in web: 12 (maxDeletionsPerRun: waits for the next run)');
  expect(text).toContain('waiting for the next run: 12');
  expect(text.split('\n').filter((l) => /^\s+delete\s+web\s+100\d/.test(l))).toHaveLength(3);
});

test('a step that makes no call (same) lists nothing as a change, even with pending lines in its state', () => {
  const line = 'sha256:aa [pr-1] created 2026-01-01T00:00:00Z: olderThan 14d';
  const doc = JSON.stringify({
    steps: [
      {
        op: 'same',
        urn: 'urn:pulumi:prod::infra::pulumi-nodejs:dynamic/github-packages:PackageVersionRetention::images',
        newState: {
          type: 'pulumi-nodejs:dynamic/github-packages:PackageVersionRetention',
          inputs: { org: 'acme', packageType: 'container', pendingDeletions: { web: { 5: line } } },
        },
      },
    ],
  });
  const r = reviewOf(readEngineDocument(doc));
  expect(r.resources[0]).toMatchObject({ acts: false, changes: [] });
  expect(renderMarkdown(r)).toContain('nothing to delete or restore');
});

test('unknown values are named, not read as empty', () => {
  const doc = JSON.stringify({
    steps: [
      {
        op: 'create',
        urn: 'urn:pulumi:prod::infra::pulumi-nodejs:dynamic/github-packages:PackageVersionRetention::images',
        newState: {
          type: 'pulumi-nodejs:dynamic/github-packages:PackageVersionRetention',
          inputs: { packageType: 'container', protectIds: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' },
        },
      },
    ],
  });
  const doc2 = readEngineDocument(doc);
  expect(doc2.resources[0].properties.protectIds).toBe(UNKNOWN);
  const md = renderMarkdown(reviewOf(doc2));
  expect(md).toContain('not known at preview: `protectIds`');
});

test('input that is not engine output is refused with what to pass instead', () => {
  expect(() => readEngineDocument('Previewing update (prod):')).toThrow(/pulumi preview --json/);
  expect(() => readEngineDocument('{"hello": 1}')).toThrow(/neither `pulumi preview --json` output/);
});

test('a PackageVersionSet lists each version it will restore, with the time estimate', () => {
  const doc = JSON.stringify({
    steps: [
      {
        op: 'create',
        urn: 'urn:pulumi:prod::undo::pulumi-nodejs:dynamic/github-packages:PackageVersionSet::undo-web',
        newState: {
          type: 'pulumi-nodejs:dynamic/github-packages:PackageVersionSet',
          inputs: {
            org: 'acme',
            packageType: 'container',
            packageName: 'web',
            state: 'active',
            pendingChanges: {
              7: 'sha256:aa [v1] created 2026-01-01T00:00:00Z, deleted 2026-11-28T09:00:00Z: restore',
              8: 'sha256:bb (untagged) created 2026-01-02T00:00:00Z, deleted 2026-11-28T09:00:01Z: restore',
            },
            planEstimate: '2 restores take about 2 s at one every 1000 ms (github-packages:mutationIntervalMs)',
          },
        },
      },
    ],
  });
  const r = reviewOf(readEngineDocument(doc));
  expect(r.resources[0]).toMatchObject({
    kind: 'PackageVersionSet',
    acts: true,
    estimate: expect.stringContaining('2 restores'),
    changes: [
      { action: 'restore', packageName: 'web', versionId: '7', versionName: 'sha256:aa', tags: ['v1'], rule: 'PackageVersionSet state: active' },
      { action: 'restore', packageName: 'web', versionId: '8', versionName: 'sha256:bb', tags: [], rule: 'PackageVersionSet state: active' },
    ],
  });
  expect(
    renderText(r)
      .split('\n')
      .filter((l) => /^\s+restore\s+web\s+[78]\b/.test(l)),
  ).toHaveLength(2);
});

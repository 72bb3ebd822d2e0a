// The review report of a 10,000-deletion plan, from real engine output: a policy over a generated container
// package of 10,101 versions previewed through the real engine (`pulumi preview --json --save-plan`). The
// Markdown must fit a GitHub comment (65,536 characters) with complete totals and a clear "N more"; the text
// report lists all 10,000.
import { startSimulator, type RunningSimulator } from '../../simulator';
import { GITHUB_COMMENT_LIMIT, renderMarkdown, renderText, reviewFromEngineOutput } from '../../report';
import { MINUTE, packagesJob, requireBuiltProgramAndCli } from '../e2e/e2e-helpers';
import { captureEngineOutput } from './capture-engine-output';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_reportLargePlanAdminToken000000000001';
const COUNT = 10_101;
const DELETIONS = 10_000; // all but the newest version (protected) and the 100 kept by keepNewest

let sim: RunningSimulator;
beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator({
    fixture: {
      users: [{ login: 'octocat' }],
      orgs: [{ login: 'big', admins: ['octocat'] }],
      tokens: [{ token: TOKEN, login: 'octocat', scopes: ['read:packages', 'delete:packages'], label: 'big-admin' }],
      generated: [{ owner: 'big', packageType: 'container', name: 'huge', count: COUNT, seed: 11, taggedEvery: 10 }],
    },
    // Listing 102 pages is this test's only traffic; pacing under GitHub's limits is the client tests' subject.
    rateLimits: { enabled: false },
  });
}, 30 * MINUTE);
afterAll(async () => {
  await sim?.stop();
});

test('10,000 deletions: the comment fits GitHub with complete totals and says how many more; the text lists all', async () => {
  const captured = await captureEngineOutput(sim, undefined, {
    timeoutMs: 8 * MINUTE,
    job: (workDir, operations) => {
      const job = packagesJob({
        workDir,
        sim,
        token: TOKEN,
        operations,
        params: {
          retentions: {
            huge: {
              org: 'big',
              packageType: 'container',
              packages: ['huge'],
              imageGraph: 'off', // generated versions without registry manifests
              keepNewest: 100,
              protectTags: [],
              untaggedContainers: 'delete',
              maxDeletionsPerRun: DELETIONS,
              maxShareOfPackage: 1,
            },
          },
        },
      });
      // The default pace (one deletion a second), so the estimate is the one a user would see.
      return { ...job, config: { ...job.config, 'github-packages:mutationIntervalMs': { value: '1000' } } };
    },
  });
  expect(captured.planned).toHaveLength(DELETIONS);

  for (const input of [captured.previewJson, captured.planJson]) {
    const review = reviewFromEngineOutput(input);
    const [policy] = review.resources;
    expect(policy.changes).toHaveLength(DELETIONS);
    expect(new Set(policy.changes.map((c) => Number(c.versionId)))).toEqual(new Set(captured.planned.map((c) => c.versionId)));

    const markdown = renderMarkdown(review);
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown).toContain('## GitHub Packages review: 10000 deletions');
    // Totals whole: the summary row counts all 10,000.
    expect(markdown).toMatch(/^\| `huge` PackageVersionRetention \| create \| `container\/huge` \| 10000 \|/m);
    // The list stops with the count of what is left, and the notice says the same.
    const listed = markdown.split('\n').filter((l) => /^\| delete \| \d+ \|/.test(l)).length;
    expect(listed).toBeGreaterThan(100);
    expect(markdown).toContain(`**${DELETIONS - listed} more not shown**`);
    expect(markdown).toContain(`This report lists ${listed} of ${DELETIONS} changes`);
    expect(markdown).toContain(`**${DELETIONS - listed} more** are not listed here`);
    expect(markdown).toMatch(/10000 deletions take about 2 h \d+ min at one every 1000 ms/);
    // The section is closed even though the list was cut.
    expect(markdown.trimEnd().endsWith('</details>')).toBe(true);

    const text = renderText(review);
    expect(text.split('\n').filter((l) => /^\s+delete\s+huge\s+\d+\s/.test(l))).toHaveLength(DELETIONS);
  }
});

// The review report of an image-graph policy (`imageGraph: 'registry'`) from real engine output: a repository
// of 20 multi-arch images in the simulator's registry, previewed with `pulumi preview --json --save-plan`. The
// report shows each deleted image as its tree (the lines the engine's events carry, whole) next to the list of
// every version, and `up --plan` deletes exactly the listed versions.
import { generateMultiArchRepository, startSimulator, withRepository, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { changeKey } from '../../scripts/demo/planned-changes';
import { renderMarkdown, renderText, reviewFromEngineOutput } from '../../report';
import { shown } from '../../report/inert-text';
import { MINUTE, packagesJob, requireBuiltProgramAndCli, stepOf } from '../e2e/e2e-helpers';
import { captureEngineOutput } from './capture-engine-output';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_reportImageGraphToken000000000001';
let sim: RunningSimulator;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  const base: Fixture = {
    users: [{ login: 'octocat' }],
    tokens: [{ token: TOKEN, login: 'octocat', scopes: ['read:packages', 'delete:packages'], label: 'report-graph' }],
  };
  const repo = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 20, intervalHours: 24 }, Date.now());
  sim = await startSimulator({ fixture: withRepository(base, repo) });
}, 30 * MINUTE);
afterAll(async () => {
  await sim?.stop();
});

test('images as trees: every tree the engine carried, whole, and the versions up --plan deleted', async () => {
  const captured = await captureEngineOutput(sim, undefined, {
    apply: true,
    job: (workDir, operations) => {
      const job = packagesJob({
        workDir,
        sim,
        token: TOKEN,
        operations,
        params: {
          retentions: {
            app: {
              packageType: 'container',
              packages: ['app'],
              imageGraph: 'registry',
              keepNewestTagged: 5,
              olderThan: '7d',
              maxShareOfPackage: 0.7,
              maxDeletionsPerRun: 200,
            },
          },
        },
      });
      return { ...job, config: { ...job.config, 'github-packages:registryUrl': { value: sim.baseUrl } } };
    },
  });
  const trees = stepOf(captured.preview, 'app')!.newInputs!.pendingImages as Record<string, Record<string, string[]>>;
  expect(Object.keys(trees.app)).toHaveLength(13);

  for (const input of [captured.previewJson, captured.planJson]) {
    const review = reviewFromEngineOutput(input);
    const [policy] = review.resources;
    expect(policy.images.map((i) => [i.rootId, i.lines])).toEqual(Object.entries(trees.app));
    const keys = policy.changes.map((c) =>
      changeKey({
        action: c.action,
        owner: policy.owner,
        packageType: policy.packageType,
        packageName: c.packageName,
        versionId: Number(c.versionId),
      }),
    );
    expect(keys.sort()).toEqual(captured.applied.map(changeKey).sort());
    expect(keys).toHaveLength(130);

    const markdown = renderMarkdown(review);
    expect(markdown).toContain('Images deleted whole (13), as trees:');
    const pre = markdown.slice(markdown.indexOf('```text'), markdown.indexOf('\n```\n') + 1);
    for (const line of Object.values(trees.app).flat()) expect(pre).toContain(`\n${shown(line)}\n`);
    const text = renderText(review);
    for (const line of Object.values(trees.app).flat()) expect(text).toContain(`    ${line}\n`);
  }
});

// Issue 12 §5 through the real Pulumi engine: the image graph on registry shapes that reach further than an index
// and its signature. Package `attested`: multi-arch images, each with an attestation index (an OCI index artifact
// with `subject`) listing one in-toto manifest per platform and itself signed by a Sigstore bundle (three levels
// below the image). Package `tool`: two untagged images, an orphaned cosign signature that is the package's only
// tagged version, and an orphaned attestation index with one entry, cleaned with imageCleanup ['orphaned-referrers'].
// What `up` deletes is exactly what the preview listed: nothing reachable from a kept image, the orphan with its
// entry, never the last tagged version (which GitHub would refuse).
import { createHash } from 'node:crypto';
import { RegistryClient } from '../../provider/registry';
import { generateMultiArchRepository, OCI_INDEX, OCI_MANIFEST, startSimulator, withRepository, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { runEngine } from '../../scripts/engine/run-engine';
import type { PackageVersionRetentionArgs } from '../../sdk';
import { MINUTE, deletedVersionIds, expectOperationsOk, mutationsSince, packagesJob, requireBuiltProgramAndCli, stepOf } from './e2e-helpers';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_e2eGraphReachabilityToken000000001';
const GONE = `sha256:${'0'.repeat(64)}`;
const EMPTY = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
};
const ATTESTED: PackageVersionRetentionArgs = {
  packageType: 'container',
  packages: ['attested'],
  imageGraph: 'registry',
  keepNewestTagged: 3,
  keepNewestUntagged: 0,
  // Guards off so that "the newest 3 tagged images" is exact whatever the newest-version guard and `latest` do.
  keepNewestVersion: false,
  protectTags: [],
  maxShareOfPackage: 1,
  maxDeletionsPerRun: 500,
};
const TOOL: PackageVersionRetentionArgs = {
  packageType: 'container',
  packages: ['tool'],
  imageGraph: 'registry',
  keepNewestUntagged: 5,
  imageCleanup: ['orphaned-referrers'],
  maxShareOfPackage: 1,
};

const attested = generateMultiArchRepository(
  { owner: 'octocat', name: 'attested', images: 6, intervalHours: 24, attestationIndex: true },
  Date.now(),
);

/** Package `tool`, as a registry would hold it (exact bytes, versions named by digest). */
function toolRepository() {
  const manifests: Array<{ owner: string; name: string; mediaType: typeof OCI_MANIFEST | typeof OCI_INDEX; content: string }> = [];
  const versions: Array<{ name: string; tags?: string[]; createdAt: string }> = [];
  const add = (body: { mediaType: typeof OCI_MANIFEST | typeof OCI_INDEX } & Record<string, unknown>, createdAt: string, tags?: string[]) => {
    const content = JSON.stringify(body);
    manifests.push({ owner: 'octocat', name: 'tool', mediaType: body.mediaType, content });
    const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    versions.push({ name: digest, createdAt, ...(tags ? { tags } : {}) });
    return digest;
  };
  const config = (n: string) => ({ mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${n.repeat(64)}`, size: 1469 });
  add({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: config('1'), layers: [] }, 'now-3d');
  add({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: config('2'), layers: [] }, 'now-2d');
  const sig = add(
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: config('3'),
      layers: [{ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', digest: `sha256:${'4'.repeat(64)}`, size: 250 }],
    },
    'now-40d',
    [`${GONE.replace(':', '-')}.sig`],
  );
  const entry = add(
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.in-toto+json',
      config: EMPTY,
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: `sha256:${'5'.repeat(64)}`, size: 1520 }],
    },
    'now-40d',
  );
  const orphan = add(
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      artifactType: 'application/vnd.example.attestation-index.v1+json',
      manifests: [{ mediaType: OCI_MANIFEST, digest: entry, size: 1, artifactType: 'application/vnd.in-toto+json' }],
      subject: { mediaType: OCI_INDEX, digest: `sha256:${'6'.repeat(64)}`, size: 1 },
    },
    'now-40d',
  );
  return {
    sig,
    entry,
    orphan,
    repo: {
      package: { owner: 'octocat', packageType: 'container' as const, name: 'tool', visibility: 'private' as const, versions },
      manifests,
      images: [],
    },
  };
}
const tool = toolRepository();

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  const base: Fixture = {
    users: [{ login: 'octocat' }],
    tokens: [{ token: TOKEN, login: 'octocat', scopes: ['read:packages', 'write:packages', 'delete:packages'], label: 'e2e-reach' }],
  };
  sim = await startSimulator({ fixture: withRepository(withRepository(base, attested), tool.repo) });
  dir = createEngineWorkDir('container-graph-reachability');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

test('preview lists exactly what up deletes: attestation indexes stay with kept images, orphans go with their entries, the last tagged version stays', async () => {
  const from = sim.log.length;
  const job = packagesJob({
    workDir: dir.path,
    sim,
    token: TOKEN,
    params: { retentions: { attested: ATTESTED, tool: TOOL } },
    operations: [
      { kind: 'preview', diff: true, savePlan: 'reach-plan.json' },
      { kind: 'up', plan: 'reach-plan.json' },
      { kind: 'preview', expectNoChanges: true },
    ],
  });
  const result = await runEngine(
    { ...job, config: { ...job.config, 'github-packages:registryUrl': { value: sim.baseUrl } } },
    { timeoutMs: 5 * MINUTE },
  );
  expectOperationsOk(result);
  expect(result.secretFindings).toEqual([]);

  const ids = (name: string) =>
    new Map(sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: name }).map((v) => [v.name, v.id]));
  const attestedIds = ids('attested');
  const toolIds = ids('tool');
  const allOf = (i: number) => {
    const im = attested.images[i];
    return [im.index, ...im.platforms, ...im.attestations, ...im.referrers];
  };
  const previewed = (name: string) =>
    Object.keys(pendingLinesByPackage(stepOf(result.operations[0], name)!.newInputs!.pendingDeletions as Record<string, unknown>)[name] ?? {}).map(
      Number,
    );

  // The three oldest images go whole (16 versions each: index, 4 platforms, 4 buildx attestations, cosign
  // signature, attestation index, its 4 entries, its bundle); the three newest stay whole.
  const doomed = [0, 1, 2].flatMap(allOf).map((d) => attestedIds.get(d)!);
  expect(previewed('attested').sort((a, b) => a - b)).toEqual([...doomed].sort((a, b) => a - b));
  expect(previewed('tool').sort((a, b) => a - b)).toEqual([tool.orphan, tool.entry].map((d) => toolIds.get(d)!).sort((a, b) => a - b));

  const deleted = deletedVersionIds(mutationsSince(sim, from));
  expect([...deleted].sort((a, b) => a - b)).toEqual([...doomed, toolIds.get(tool.orphan)!, toolIds.get(tool.entry)!].sort((a, b) => a - b));
  // Roots before their members (the orphaned index before its entry).
  expect(deleted.indexOf(toolIds.get(tool.orphan)!)).toBeLessThan(deleted.indexOf(toolIds.get(tool.entry)!));
  for (const i of [0, 1, 2])
    for (const d of allOf(i).slice(1))
      expect(deleted.indexOf(attestedIds.get(attested.images[i].index)!)).toBeLessThan(deleted.indexOf(attestedIds.get(d)!));

  const reader = new RegistryClient({ registryUrl: sim.baseUrl, token: TOKEN }).repository('octocat', 'attested');
  for (const [digest, r] of await reader.manifests([3, 4, 5].flatMap(allOf))) expect({ digest, readable: r.ok }).toEqual({ digest, readable: true });
  expect(sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: 'tool' }).find((v) => v.name === tool.sig)?.state).toBe(
    'active',
  );
});

/**
 * The image graph on registry data at provider level (check = preview, create = up) against the simulator's
 * packages API and registry: attestation indexes (OCI index artifacts with `subject`) stay with their kept image
 * to any depth; orphaned referrers go with what they reference; GitHub's last-tagged-version refusal is known at
 * preview, so `up` deletes exactly what the preview listed and skips nothing.
 */
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { RegistryClient } from '../../provider/registry';
import { FIXTURE_PATHS, generateMultiArchRepository, OCI_INDEX, OCI_MANIFEST, publishManifest, withRepository } from '../../simulator';
import { readFixture } from '../../simulator/fixture-loader';
import { contextFor, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './provider-helpers';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const repo = generateMultiArchRepository({ owner: 'octocat', name: 'attested', images: 6, intervalHours: 24, attestationIndex: true }, NOW);
const GONE = `sha256:${'0'.repeat(64)}`;
const EMPTY = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
};

describe('image graph reachability, preview to up', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fixture: withRepository(readFixture(FIXTURE_PATHS.default), repo), clock: { now: new Date(NOW), frozen: true } });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    sim.clock.freeze();
    sim.clock.set(new Date(NOW));
  });

  const provider = () => createRetentionProvider(contextFor(sim, 'admin', { config: { 'github-packages:registryUrl': sim.baseUrl } }));
  const idsOf = (name: string) =>
    new Map(sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: name }).map((v) => [v.name, v.id]));
  const reader = (name: string) => new RegistryClient({ registryUrl: sim.baseUrl, token: FIXTURE_TOKENS.admin }).repository('octocat', name);
  const allOf = (i: number) => [repo.images[i].index, ...repo.images[i].platforms, ...repo.images[i].attestations, ...repo.images[i].referrers];

  it('kept images keep their attestation index, its entries and its signature; deleted images take all of them', async () => {
    // Guards off so that "the newest 3 tagged" means the same whatever the newest-version guard and `latest` count.
    const policy = {
      packageType: 'container',
      packages: ['attested'],
      imageGraph: 'registry',
      keepNewestTagged: 3,
      keepNewestUntagged: 0,
      keepNewestVersion: false,
      protectTags: [],
      maxShareOfPackage: 1,
    };
    const p = provider();
    const { inputs, failures } = await p.check({}, policy);
    expect(failures ?? []).toEqual([]);
    const id = idsOf('attested');
    const expected = [0, 1, 2].flatMap(allOf).map((d) => String(id.get(d)));
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).attested).sort()).toEqual(expected.sort());
    const tree: string[] = inputs.pendingImages.attested[String(id.get(repo.images[0].index))];
    expect(tree).toHaveLength(allOf(0).length);
    expect(tree.filter((l) => /├─ referrer index application\/vnd\.example\.attestation-index\.v1\+json \d+ /.test(l))).toHaveLength(1);
    expect(tree.filter((l) => /artifact application\/vnd\.in-toto\+json \d+ .*: delete: part of image/.test(l))).toHaveLength(4);
    expect(tree.filter((l) => /referrer application\/vnd\.dev\.sigstore\.bundle\.v0\.3\+json \d+ .*: delete: refers to image/.test(l))).toHaveLength(
      1,
    );

    const created = await p.create(inputs);
    expect(created.outs.lastRun.attested.skipped).toEqual([]);
    expect(created.outs.deletedCount).toBe(expected.length);
    const kept = [3, 4, 5].flatMap(allOf);
    for (const [digest, r] of await reader('attested').manifests(kept)) expect([digest, r.ok]).toEqual([digest, true]);
    const next = await p.check({}, policy);
    expect(next.inputs.pendingDeletions).toEqual({});
  });

  it('orphan clean-up: the last tagged version is kept at preview (not refused at up); an orphaned referrer index goes with its entries', async () => {
    const publish = (body: object, opts: { tags?: string[]; createdAt: string }) =>
      publishManifest(sim.runtime, {
        owner: 'octocat',
        name: 'tool',
        mediaType: (body as { mediaType: 'application/vnd.oci.image.manifest.v1+json' }).mediaType,
        content: JSON.stringify(body),
        ...opts,
      }).digest;
    const image = (seed: string, createdAt: string) =>
      publish(
        {
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${seed.repeat(64)}`, size: 1469 },
          layers: [],
        },
        { createdAt },
      );
    image('1', 'now-3d');
    image('2', 'now-2d');
    // A cosign signature of an image deleted long ago: orphaned, and the only tagged version of the package.
    const sig = publish(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'3'.repeat(64)}`, size: 233 },
        layers: [{ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', digest: `sha256:${'4'.repeat(64)}`, size: 250 }],
      },
      { tags: [`${GONE.replace(':', '-')}.sig`], createdAt: 'now-40d' },
    );
    // An attestation index whose subject is gone, with one in-toto entry.
    const entry = publish(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: 'application/vnd.in-toto+json',
        config: EMPTY,
        layers: [{ mediaType: 'application/vnd.in-toto+json', digest: `sha256:${'5'.repeat(64)}`, size: 1520 }],
      },
      { createdAt: 'now-40d' },
    );
    const orphanIndex = publish(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        artifactType: 'application/vnd.example.attestation-index.v1+json',
        manifests: [{ mediaType: OCI_MANIFEST, digest: entry, size: 1, artifactType: 'application/vnd.in-toto+json' }],
        subject: { mediaType: OCI_INDEX, digest: `sha256:${'6'.repeat(64)}`, size: 1 },
      },
      { createdAt: 'now-40d' },
    );
    const policy = {
      packageType: 'container',
      packages: ['tool'],
      imageGraph: 'registry',
      keepNewestUntagged: 5,
      imageCleanup: ['orphaned-referrers'],
      maxShareOfPackage: 1,
    };
    const p = provider();
    const { inputs, failures } = await p.check({}, policy);
    expect(failures ?? []).toEqual([]);
    const id = idsOf('tool');
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).tool).sort()).toEqual(
      [orphanIndex, entry].map((d) => String(id.get(d))).sort(),
    );
    expect(pendingLinesByPackage(inputs.pendingDeletions).tool[String(id.get(sig))]).toBeUndefined();
    expect(inputs.planSummary.tool).toMatchObject({ 'last-tagged-version': 1 });
    const created = await p.create(inputs);
    expect(created.outs.lastRun.tool).toEqual({ deleted: [orphanIndex, entry].map((d) => ({ versionId: id.get(d), versionName: d })), skipped: [] });
    expect(sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: 'tool' }).find((v) => v.name === sig)?.state).toBe(
      'active',
    );
  });
});

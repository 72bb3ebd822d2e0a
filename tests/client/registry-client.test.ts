/** The registry client against the simulator's registry surface. */
import { RegistryClient } from '../../provider/registry';
import { FIXTURE_PATHS, FIXTURE_TOKENS, generateMultiArchRepository, startSimulator, withRepository, type RunningSimulator } from '../../simulator';
import { readFixture } from '../../simulator/fixture-loader';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const cosign = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 4 }, NOW);
const referred = generateMultiArchRepository(
  { owner: 'octocat', name: 'ref', images: 2, signatures: 'referrer', fallbackTags: true, attestations: false },
  NOW,
);

describe('RegistryClient', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      fixture: withRepository(withRepository(readFixture(FIXTURE_PATHS.default), cosign), referred),
      clock: { now: new Date(NOW), frozen: true },
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const client = (token: string = FIXTURE_TOKENS.admin, concurrency = 3) => new RegistryClient({ registryUrl: sim.baseUrl, token, concurrency });
  const manifestRequests = () => sim.log.filter((e) => /\/manifests\//.test(e.path));

  test('challenge → one pull token for the repository → every manifest once, within the concurrency bound', async () => {
    const reader = client().repository('OctoCat', 'app');
    const digests = cosign.package.versions.map((v) => v.name);
    const results = await reader.manifests([...digests, ...digests]);
    expect(results.size).toBe(digests.length);
    const image = cosign.images[3];
    const index = results.get(image.index);
    expect(index).toMatchObject({ ok: true, manifest: { kind: 'index' } });
    if (!index?.ok) throw new Error('unreachable');
    expect(index.manifest.children.map((c) => c.digest)).toEqual([...image.platforms, ...image.attestations]);
    expect(index.manifest.children[4].reference).toEqual({ type: 'attestation-manifest', digest: image.platforms[0] });
    expect(index.manifest.children[1].platform).toEqual({ os: 'linux', architecture: 'arm64' });
    await reader.manifests(digests); // cached: no new requests

    const tokenRequests = sim.log.filter((e) => e.path === '/token');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0].query.scope).toBe('repository:octocat/app:pull');
    expect(manifestRequests()).toHaveLength(digests.length);
    const reqs = manifestRequests();
    const maxOverlap = Math.max(...reqs.map((a) => reqs.filter((b) => a.startOrder < b.endOrder! && b.startOrder < a.endOrder!).length));
    expect(maxOverlap).toBeLessThanOrEqual(3);
    expect(JSON.stringify(sim.log)).not.toContain(FIXTURE_TOKENS.admin);
  });

  test("reads through the client's transport (nodeHttpFetch), never the global fetch: undici's parser costs the process about 30 MB (client/node-http-fetch.ts)", async () => {
    const spy = jest.spyOn(globalThis, 'fetch');
    try {
      const results = await client().repository('octocat', 'app').manifests([cosign.images[0].index]);
      expect(results.get(cosign.images[0].index)).toMatchObject({ ok: true });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('referrers: the OCI endpoint, else the sha256-<hex> fallback tag, else cosign tags', async () => {
    const ref = client().repository('octocat', 'ref');
    const subject = referred.images[0];
    expect(await ref.referrers(subject.index)).toEqual([
      { digest: subject.referrers[0], artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json', source: 'referrers-api' },
    ]);
    sim.runtime.registry.referrersApi = false;
    expect(await ref.referrers(subject.index)).toEqual([
      {
        digest: subject.referrers[0],
        artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
        source: 'fallback-tag',
        tag: `sha256-${subject.index.slice(7)}`,
      },
    ]);
    const app = client().repository('octocat', 'app');
    const image = cosign.images[1];
    expect(await app.referrers(image.index)).toEqual([
      { digest: image.referrers[0], source: 'cosign-tag', tag: `sha256-${image.index.slice(7)}.sig` },
    ]);
  });

  test('a manifest the registry lacks or cannot serve is an unreadable result with the reason', async () => {
    const image = cosign.images[0];
    const versions = sim.control.listVersions({ owner: 'octocat', packageType: 'container', packageName: 'app' });
    sim.control.deleteVersion({
      owner: 'octocat',
      packageType: 'container',
      packageName: 'app',
      versionId: versions.find((v) => v.name === image.platforms[0])!.id,
    });
    sim.faults.add({ match: { path: `/v2/octocat/app/manifests/${image.platforms[1]}` }, fault: { status: 500 } });
    const results = await client().repository('octocat', 'app').manifests([image.platforms[0], image.platforms[1], image.platforms[2], 'latest']);
    expect(results.get(image.platforms[0])).toEqual({ ok: false, reason: expect.stringContaining('does not have it (HTTP 404)') });
    expect(results.get(image.platforms[1])).toEqual({ ok: false, reason: expect.stringContaining('HTTP 500') });
    expect(results.get(image.platforms[2])?.ok).toBe(true);
    expect(results.get('latest')).toEqual({ ok: false, reason: '"latest" is not a sha256 digest' });
  });

  test('a refused token makes every manifest unreadable, asks once, and never shows the token', async () => {
    const results = await client('ghp_not_a_token').repository('octocat', 'app').manifests(cosign.images[0].platforms);
    for (const r of results.values()) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toContain('refused a pull token for octocat/app (HTTP 401)');
        expect(r.reason).not.toContain('ghp_not_a_token');
      }
    }
    expect(sim.log.filter((e) => e.path === '/token')).toHaveLength(1);
  });
});

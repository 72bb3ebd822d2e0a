/** The simulator's registry surface: token challenge, pull tokens, manifests, referrers, consistency with the packages API. */
import { createHash } from 'crypto';
import {
  FIXTURE_PATHS,
  FIXTURE_TOKENS,
  OCI_INDEX,
  OCI_MANIFEST,
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  generateMultiArchRepository,
  startSimulator,
  withRepository,
  type Fixture,
  type GeneratedRepository,
  type RunningSimulator,
} from '../../simulator';
import { readFixture } from '../../simulator/fixture-loader';
import { call } from './helpers';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ALL_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST].join(', ');

function basic(token: string): string {
  return `Basic ${Buffer.from(`user:${token}`).toString('base64')}`;
}

async function pullToken(sim: RunningSimulator, repository: string, token: string = FIXTURE_TOKENS.admin): Promise<string> {
  const res = await fetch(`${sim.baseUrl}/token?service=sim&scope=${encodeURIComponent(`repository:${repository}:pull`)}`, {
    headers: { authorization: basic(token) },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function manifest(sim: RunningSimulator, repository: string, reference: string, token: string, method = 'GET', accept = ALL_TYPES) {
  const res = await fetch(`${sim.baseUrl}/v2/${repository}/manifests/${reference}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes };
}

function fixtureWith(...repos: GeneratedRepository[]): Fixture {
  let fixture = readFixture(FIXTURE_PATHS.default);
  for (const repo of repos) fixture = withRepository(fixture, repo);
  return fixture;
}

describe('simulator registry surface', () => {
  const repo = generateMultiArchRepository({ owner: 'octocat', name: 'multi', images: 3 }, NOW);
  const docker = generateMultiArchRepository({ owner: 'acme', name: 'legacy', images: 1, format: 'docker', signatures: 'none' }, NOW);
  const referred = generateMultiArchRepository(
    { owner: 'octocat', name: 'referred', images: 2, signatures: 'referrer', fallbackTags: true, attestations: false },
    NOW,
  );
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fixture: fixtureWith(repo, docker, referred), clock: { now: new Date(NOW), frozen: true } });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  test('generator: N images × 4 platforms + 4 attestations + a cosign signature, index tagged, children untagged', () => {
    expect(repo.images).toHaveLength(3);
    expect(repo.package.versions).toHaveLength(3 * (1 + 4 + 4 + 1));
    const byName = new Map(repo.package.versions.map((v) => [v.name, v]));
    for (const image of repo.images) {
      expect(byName.get(image.index)?.tags).toEqual(image.tags);
      for (const d of [...image.platforms, ...image.attestations]) expect(byName.get(d)?.tags).toEqual([]);
      expect(byName.get(image.referrers[0])?.tags).toEqual([`sha256-${image.index.slice(7)}.sig`]);
    }
    expect(repo.images[2].tags).toEqual(['1.0.2', 'latest']);
    expect(generateMultiArchRepository({ owner: 'octocat', name: 'multi', images: 3 }, NOW)).toEqual(repo);
  });

  test('/v2/ without a token: 401 with a Bearer challenge naming the token realm', async () => {
    const res = await fetch(`${sim.baseUrl}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="${sim.baseUrl}/token",service="${new URL(sim.baseUrl).host}",scope="repository:user/image:pull"`,
    );
    const token = await pullToken(sim, 'octocat/multi');
    expect((await fetch(`${sim.baseUrl}/v2/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  test('a manifest request without a token is challenged with the repository scope', async () => {
    const res = await fetch(`${sim.baseUrl}/v2/octocat/multi/manifests/latest`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('scope="repository:octocat/multi:pull"');
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0].code).toBe('UNAUTHORIZED');
  });

  test('manifests by tag and digest: exact bytes, media type, Docker-Content-Digest = sha256 of the bytes', async () => {
    const token = await pullToken(sim, 'octocat/multi');
    const image = repo.images[2];
    for (const reference of ['latest', image.index]) {
      const res = await manifest(sim, 'octocat/multi', reference, token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(OCI_INDEX);
      const digest = `sha256:${createHash('sha256').update(res.bytes).digest('hex')}`;
      expect(res.headers.get('docker-content-digest')).toBe(digest);
      expect(digest).toBe(image.index);
      const index = JSON.parse(res.bytes.toString('utf8'));
      expect(index.manifests.map((m: { digest: string }) => m.digest)).toEqual([...image.platforms, ...image.attestations]);
      const attestation = index.manifests[4];
      expect(attestation.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
      expect(attestation.annotations['vnd.docker.reference.type']).toBe('attestation-manifest');
      expect(attestation.annotations['vnd.docker.reference.digest']).toBe(image.platforms[0]);
    }
    const child = await manifest(sim, 'octocat/multi', image.platforms[1], token, 'HEAD');
    expect(child.status).toBe(200);
    expect(child.bytes.length).toBe(0);
    expect(child.headers.get('content-type')).toBe(OCI_MANIFEST);
    expect(child.headers.get('docker-content-digest')).toBe(image.platforms[1]);
    const sig = await manifest(sim, 'octocat/multi', `sha256-${image.index.slice(7)}.sig`, token);
    expect(sig.headers.get('docker-content-digest')).toBe(image.referrers[0]);
  });

  test('Docker manifest list and v2 manifests; an Accept header without the type is a 404', async () => {
    const token = await pullToken(sim, 'acme/legacy', FIXTURE_TOKENS.member);
    const list = await manifest(sim, 'acme/legacy', 'latest', token);
    expect(list.headers.get('content-type')).toBe(DOCKER_MANIFEST_LIST);
    const child = await manifest(sim, 'acme/legacy', docker.images[0].platforms[0], token);
    expect(child.headers.get('content-type')).toBe(DOCKER_MANIFEST);
    expect((await manifest(sim, 'acme/legacy', 'latest', token, 'GET', DOCKER_MANIFEST)).status).toBe(404);
  });

  test('a pull token is scoped to one repository; credentials are the GitHub token; nothing leaks into the log', async () => {
    const token = await pullToken(sim, 'octocat/multi');
    const other = await manifest(sim, 'octocat/referred', 'latest', token);
    expect(other.status).toBe(401);
    expect(other.headers.get('www-authenticate')).toContain('scope="repository:octocat/referred:pull"');
    const bad = await fetch(`${sim.baseUrl}/token?scope=repository:octocat/multi:pull`, { headers: { authorization: basic('ghp_wrong') } });
    expect(bad.status).toBe(401);
    // Private package of octocat: an outsider's pull token gets NAME_UNKNOWN, never the manifest.
    const outsider = await pullToken(sim, 'octocat/multi', FIXTURE_TOKENS.outsider);
    expect((await manifest(sim, 'octocat/multi', 'latest', outsider)).status).toBe(404);
    const labels = sim.log.map((e) => e.tokenLabel);
    expect(labels).toContain('admin');
    expect(labels).toContain('registry:admin');
    expect(JSON.stringify(sim.log)).not.toContain(token);
    expect(JSON.stringify(sim.log)).not.toContain(FIXTURE_TOKENS.admin);
  });

  test('referrers endpoint lists subject referrers; switched off it is a 404 and the fallback tag index remains', async () => {
    const token = await pullToken(sim, 'octocat/referred');
    const image = referred.images[1];
    const res = await fetch(`${sim.baseUrl}/v2/octocat/referred/referrers/${image.index}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(OCI_INDEX);
    const body = (await res.json()) as { manifests: { digest: string; artifactType: string }[] };
    expect(body.manifests.map((m) => m.digest)).toEqual([image.referrers[0]]);
    expect(body.manifests[0].artifactType).toBe('application/vnd.dev.cosign.artifact.sig.v1+json');

    sim.runtime.registry.referrersApi = false;
    const off = await fetch(`${sim.baseUrl}/v2/octocat/referred/referrers/${image.index}`, { headers: { authorization: `Bearer ${token}` } });
    expect(off.status).toBe(404);
    const fallback = await manifest(sim, 'octocat/referred', `sha256-${image.index.slice(7)}`, token);
    expect(fallback.status).toBe(200);
    expect(JSON.parse(fallback.bytes.toString('utf8')).manifests.map((m: { digest: string }) => m.digest)).toEqual([image.referrers[0]]);
  });

  test('deleting a version through the packages API removes its manifest (and its tag); restoring brings it back', async () => {
    const token = await pullToken(sim, 'octocat/multi');
    const image = repo.images[0];
    const version = sim.control
      .listVersions({ owner: 'octocat', packageType: 'container', packageName: 'multi' })
      .find((v) => v.name === image.index)!;
    const del = await call(sim.baseUrl, 'DELETE', `/user/packages/container/multi/versions/${version.id}`, 'admin');
    expect(del.status).toBe(204);
    expect((await manifest(sim, 'octocat/multi', image.index, token)).status).toBe(404);
    expect((await manifest(sim, 'octocat/multi', image.tags[0], token)).status).toBe(404);
    expect((await manifest(sim, 'octocat/multi', image.platforms[0], token)).status).toBe(200);
    sim.control.restoreVersion({ owner: 'octocat', packageType: 'container', packageName: 'multi', versionId: version.id });
    expect((await manifest(sim, 'octocat/multi', image.index, token)).status).toBe(200);
  });
});

describe('simulator registry control and generated fixtures', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      fixture: {
        ...readFixture(FIXTURE_PATHS.default),
        registry: { referrersApi: false, generated: [{ owner: 'acme', name: 'gen', images: 2, signatures: 'referrer' }] },
      },
    });
  });
  afterAll(() => sim.stop());

  test('registry.generated expands at load into versions and manifests that agree; reset regenerates them', async () => {
    const versions = sim.control.listVersions({ owner: 'acme', packageType: 'container', packageName: 'gen' });
    expect(versions).toHaveLength(2 * (1 + 4 + 4 + 1));
    const token = await pullToken(sim, 'acme/gen');
    for (const v of versions) expect((await manifest(sim, 'acme/gen', v.name, token, 'HEAD')).headers.get('docker-content-digest')).toBe(v.name);
    sim.reset();
    expect(sim.control.listVersions({ owner: 'acme', packageType: 'container', packageName: 'gen' })).toHaveLength(20);
  });

  test('HTTP control: switch the referrers endpoint; publish a manifest with its version', async () => {
    const token = await pullToken(sim, 'acme/gen');
    const index = sim.control.listVersions({ owner: 'acme', packageType: 'container', packageName: 'gen' }).find((v) => v.tags.includes('latest'))!;
    const referrers = () => fetch(`${sim.baseUrl}/v2/acme/gen/referrers/${index.name}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await referrers()).status).toBe(404);
    const on = await fetch(`${sim.baseUrl}/_simulator/registry/referrers`, { method: 'POST', body: JSON.stringify({ enabled: true }) });
    expect(await on.json()).toEqual({ referrersApi: true });
    expect((await referrers()).status).toBe(200);

    const content = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 1 },
      layers: [],
    });
    const res = await fetch(`${sim.baseUrl}/_simulator/registry/manifests`, {
      method: 'POST',
      body: JSON.stringify({ owner: 'acme', name: 'gen', mediaType: OCI_MANIFEST, content, tags: ['single'] }),
    });
    const published = (await res.json()) as { digest: string; id: number; name: string };
    expect(published.name).toBe(published.digest);
    expect(published.digest).toBe(`sha256:${createHash('sha256').update(content).digest('hex')}`);
    const got = await manifest(sim, 'acme/gen', 'single', token);
    expect(got.bytes.toString('utf8')).toBe(content);
    const bad = await fetch(`${sim.baseUrl}/_simulator/registry/manifests`, {
      method: 'POST',
      body: JSON.stringify({ owner: 'acme', name: 'gen', mediaType: 'text/plain', content }),
    });
    expect(bad.status).toBe(400);
  });
});

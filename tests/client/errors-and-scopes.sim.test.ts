/**
 * Scope preflight and the actionable errors, against the simulator. Every rejection is also checked to carry no
 * fixture token in message, stack or JSON.
 */
import type { PackageRef } from '../../provider/types';
import {
  BadCredentialsError,
  DownloadLimitError,
  LastVersionError,
  MissingScopesError,
  NameTakenError,
  NotFoundOrNoAccessError,
  OrgAdminRequiredError,
  RestoreWindowClosedError,
  SsoAuthorizationRequiredError,
} from '../../provider/errors';
import { PackagesClient } from '../../provider/client';
import { clientFor, expectTokenFreeRejection, FakeClock, startSimulator, type RunningSimulator } from './sim-helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const acme = { kind: 'org' as const, login: 'acme' };
const web: PackageRef = { owner: acme, packageType: 'container', name: 'web' };
const ui: PackageRef = { owner: acme, packageType: 'npm', name: 'ui' };

describe('scope preflight', () => {
  it('read-only token: delete lacks delete:packages, restore lacks write:packages, read is fine', async () => {
    const { client } = clientFor(sim, 'read-only');
    await expect(client.preflight(web, 'read')).resolves.toBeUndefined();
    const del = (await expectTokenFreeRejection(() => client.preflight(web, 'delete'))) as MissingScopesError;
    expect(del).toBeInstanceOf(MissingScopesError);
    expect(del.missing).toEqual(['delete:packages']);
    expect(del.message).toContain('gh auth refresh -h github.com -s delete:packages');
    expect(((await expectTokenFreeRejection(() => client.preflight(web, 'restore'))) as MissingScopesError).missing).toEqual(['write:packages']);
  });

  it('delete without read: missing read:packages (delete does not imply read)', async () => {
    const { client } = clientFor(sim, 'delete-no-read');
    const err = (await expectTokenFreeRejection(() => client.preflight(web, 'delete'))) as MissingScopesError;
    expect(err.missing).toEqual(['read:packages']);
  });

  it('no repo scope: refused for npm, fine for container', async () => {
    const { client } = clientFor(sim, 'no-repo');
    expect(((await expectTokenFreeRejection(() => client.preflight(ui, 'delete'))) as MissingScopesError).missing).toEqual(['repo']);
    await expect(client.preflight(web, 'delete')).resolves.toBeUndefined();
    await expect(client.preflight(web, 'restore')).resolves.toBeUndefined();
  });

  it('fine-grained token (no X-OAuth-Scopes): scopes are null and preflight is skipped', async () => {
    const { client } = clientFor(sim, 'fine-grained');
    await expect(client.tokenScopes()).resolves.toBeNull();
    await expect(client.preflight(ui, 'delete')).resolves.toBeUndefined();
  });

  it('reads scopes from a response already seen, without an extra request', async () => {
    const { client } = clientFor(sim, 'admin');
    await client.getPackage(web);
    sim.clearLog();
    await expect(client.tokenScopes()).resolves.toEqual(['read:packages', 'write:packages', 'delete:packages', 'repo']);
    expect(sim.log).toHaveLength(0);
  });

  it('without a prior response, one GET /user supplies the scopes', async () => {
    const { client } = clientFor(sim, 'no-repo');
    await client.tokenScopes();
    expect(sim.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /user']);
  });

  it("the API's own 403 for a missing scope becomes MissingScopesError too", async () => {
    const { client } = clientFor(sim, 'read-only');
    const versions = await client.listVersions(web);
    const err = (await expectTokenFreeRejection(() => client.deleteVersion(web, versions[1].id))) as MissingScopesError;
    expect(err).toBeInstanceOf(MissingScopesError);
    expect(err.missing).toEqual(['delete:packages']);
  });
});

describe('actionable errors', () => {
  it('401: bad credentials, saying where the token comes from', async () => {
    const client = new PackagesClient({
      token: 'ghp_not_a_real_token_123456',
      baseUrl: sim.baseUrl,
      clock: new FakeClock(),
      log: { warn: () => {} },
    });
    const err = await expectTokenFreeRejection(() => client.getPackage(web));
    expect(err).toBeInstanceOf(BadCredentialsError);
    expect(err.message).not.toContain('ghp_not_a_real_token_123456');
    await expect(client.tokenScopes()).rejects.toBeInstanceOf(BadCredentialsError);
  });

  it('404: not found or not visible, with the scopes for the type', async () => {
    const { client } = clientFor(sim, 'admin');
    const err = await expectTokenFreeRejection(() => client.getPackage({ owner: acme, packageType: 'npm', name: 'nope' }));
    expect(err).toBeInstanceOf(NotFoundOrNoAccessError);
    expect(err.message).toMatch(/not found or is not visible to this token/);
    expect(err.message).toContain("'read:packages', 'repo'");
    // A private package of another user is hidden the same way.
    const outsider = clientFor(sim, 'outsider').client;
    expect(await expectTokenFreeRejection(() => outsider.getPackage(web))).toBeInstanceOf(NotFoundOrNoAccessError);
  });

  it('SAML SSO: shows the authorization URL', async () => {
    const { client } = clientFor(sim, 'sso-unauthorized');
    const err = (await expectTokenFreeRejection(() =>
      client.listVersions({ owner: { kind: 'org', login: 'sso-corp' }, packageType: 'container', name: 'secret-app' }),
    )) as SsoAuthorizationRequiredError;
    expect(err).toBeInstanceOf(SsoAuthorizationRequiredError);
    expect(err.authorizationUrl).toMatch(/^https:\/\/github\.com\/orgs\/sso-corp\/sso\?authorization_request=/);
    expect(err.message).toContain(err.authorizationUrl!);
  });

  it('org member without admin role: OrgAdminRequiredError', async () => {
    const { client } = clientFor(sim, 'member');
    const versions = await client.listVersions(web);
    const err = await expectTokenFreeRejection(() => client.deleteVersion(web, versions[1].id));
    expect(err).toBeInstanceOf(OrgAdminRequiredError);
    expect(err.message).toMatch(/admin of acme/);
  });

  it('last version: manage the package instead', async () => {
    const { client } = clientFor(sim, 'admin');
    const solo: PackageRef = { owner: acme, packageType: 'npm', name: 'solo' };
    const err = await expectTokenFreeRejection(() => client.deleteVersion(solo, 100601));
    expect(err).toBeInstanceOf(LastVersionError);
    expect(err.message).toMatch(/`Package` resource/);
    // containers: the last *tagged* version
    const single: PackageRef = { owner: acme, packageType: 'container', name: 'single' };
    expect(await expectTokenFreeRejection(() => client.deleteVersion(single, 100501))).toBeInstanceOf(LastVersionError);
  });

  it('public version with more than 5,000 downloads: the API cannot delete it', async () => {
    const { client } = clientFor(sim, 'admin');
    const alpine: PackageRef = { owner: acme, packageType: 'container', name: 'base/alpine' };
    const err = await expectTokenFreeRejection(() => client.deleteVersion(alpine, 100403));
    expect(err).toBeInstanceOf(DownloadLimitError);
    expect(err.message).toContain('https://support.github.com/contact');
    expect(await expectTokenFreeRejection(() => client.deletePackage(alpine))).toBeInstanceOf(DownloadLimitError);
  });

  it('restore after 30 days: says when the window closed (deleted_at known)', async () => {
    const { client } = clientFor(sim, 'admin');
    const deletedAt = new Date(Date.now() - 45 * 24 * 3600 * 1000).toISOString();
    const err = (await expectTokenFreeRejection(() => client.restoreVersion(web, 100101, { deletedAt }))) as RestoreWindowClosedError;
    expect(err).toBeInstanceOf(RestoreWindowClosedError);
    expect(err.closedAt).toBe(new Date(Date.parse(deletedAt) + 30 * 24 * 3600 * 1000).toISOString());
    expect(err.message).toContain(err.closedAt!);
    // Within the window, the deleted listing shows deleted_at and the restore works.
    const deleted = await client.listVersions(web, { state: 'deleted' });
    expect(deleted.map((v) => v.id)).toEqual([100102]);
    await client.restoreVersion(web, 100102, { deletedAt: deleted[0].deletedAt! });
  });

  it('restore of a package whose name was reused: NameTakenError', async () => {
    const { client } = clientFor(sim, 'admin');
    const reborn: PackageRef = { owner: acme, packageType: 'container', name: 'reborn' };
    expect(await expectTokenFreeRejection(() => client.restorePackage(reborn))).toBeInstanceOf(NameTakenError);
  });
});

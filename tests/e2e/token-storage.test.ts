// Where the token is stored, read from a real engine run's files (issue 13): the account of it in docs/settings.md must be
// what the engine does. The token given with `pulumi config set --secret` is in the stack's config file, encrypted;
// the engine also records it, encrypted, in the state file as an input (and output) of the default provider that
// serves every dynamic resource (`pulumi:providers:pulumi-nodejs`), because a dynamic provider is configured with
// the whole stack config; no resource's own inputs or outputs hold it, and no file holds it in clear. The
// Automation API's `exportStack` (`pulumi stack export --show-secrets`) returns it decrypted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, listFilesRecursively, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { MINUTE, expectOperationsOk, filesContaining, requireBuiltProgramAndCli, runPackagesJob } from './e2e-helpers';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_e2eTokenStorageTokenThatIsStoredEncrypted9';
/** Pulumi's marker of a secret value in state and in exported deployments. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator();
  sim.control.issueToken({
    token: TOKEN,
    login: 'octocat',
    scopes: ['read:packages', 'write:packages', 'delete:packages', 'repo'],
    label: 'e2e-storage',
  });
  dir = createEngineWorkDir('token-storage');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

test("the token is stored encrypted in the stack config and in the default provider's inputs in state; exportStack decrypts it", async () => {
  const result = await runPackagesJob({
    workDir: dir.path,
    sim,
    token: TOKEN,
    params: { packages: { solo: { org: 'acme', packageType: 'npm', packageName: 'solo', state: 'active' } } },
    operations: [{ kind: 'up' }, { kind: 'exportStack' }],
  });
  expectOperationsOk(result);

  // No file of the run holds the token in clear.
  expect(filesContaining(dir.path, TOKEN)).toEqual([]);

  // The stack's config file: `secure:` ciphertext.
  const configFile = listFilesRecursively(dir.path).find((f) => /Pulumi\.dev\.yaml$/.test(f));
  expect(configFile).toBeDefined();
  expect(fs.readFileSync(configFile!, 'utf8')).toMatch(/github-packages:token:\s*\n\s*secure: \S+/);

  // The state file: the token is a secret (ciphertext) of the default dynamic provider, and of nothing else.
  const stateFile = path.join(dir.path, 'backend', '.pulumi', 'stacks', 'e2e', 'dev.json');
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { checkpoint: { latest: { resources: StateResource[] } } };
  const holders = state.checkpoint.latest.resources.filter(
    (r) => 'github-packages:token' in (r.inputs ?? {}) || 'github-packages:token' in (r.outputs ?? {}),
  );
  expect(holders.map((r) => r.type)).toEqual(['pulumi:providers:pulumi-nodejs']);
  for (const where of [holders[0].inputs, holders[0].outputs]) {
    expect(where?.['github-packages:token']).toEqual({ [SECRET_SIG]: '1b47061264138c4ac30d75fd1eb44270', ciphertext: expect.any(String) });
  }
  const solo = state.checkpoint.latest.resources.find((r) => r.urn.endsWith('::solo'))!;
  expect(JSON.stringify(solo)).not.toContain('github-packages:token');
  expect(solo.inputs?.__provider).toEqual(expect.stringContaining("require('pulumi-github-packages/dist/provider')"));

  // exportStack (Automation API) runs `pulumi stack export --show-secrets`: the token comes back in clear (the
  // harness found it there and masked it in its results file).
  expect(result.secretFindings.length).toBeGreaterThan(0);
  for (const f of result.secretFindings) {
    expect(f.where).toMatch(
      /^results\.operations\[1\]\.deployment\.deployment\.resources\[\d+\]\.(inputs|outputs)\.github-packages:token\.plaintext$/,
    );
  }

  // docs/settings.md says exactly this.
  const readme = fs.readFileSync(path.join(repoRoot(), 'docs', 'settings.md'), 'utf8');
  expect(readme).not.toMatch(/never (written|serialized) (in)?to state/i);
  const section = readme.slice(readme.indexOf('### Where the token is stored'));
  expect(section).toMatch(/### Where the token is stored/);
  for (const fact of ['Pulumi.<stack>.yaml', 'pulumi:providers:pulumi-nodejs', 'encrypted', 'exportStack', '--show-secrets', '__provider']) {
    expect(section.slice(0, 2500)).toContain(fact);
  }
});

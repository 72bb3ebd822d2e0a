// Mistakes in the stack config, through the real engine: a misspelt `github-packages:*` key fails the preview with
// the setting meant, and the error reaches the user once, without a stack trace into the package's sources.
import { startSimulator, FIXTURE_TOKENS, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { runEngine } from '../../scripts/engine/run-engine';
import { MINUTE, packagesJob, requireBuiltProgramAndCli } from './e2e-helpers';

jest.setTimeout(10 * MINUTE);

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator();
  dir = createEngineWorkDir('config-mistakes');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

test('github-packages:baseURL: refused at preview with "did you mean", once, no stack trace', async () => {
  const job = packagesJob({
    workDir: dir.path,
    sim,
    token: FIXTURE_TOKENS.admin,
    params: { versions: { v: { org: 'acme', packageType: 'npm', packageName: 'ui', versionId: 100207, state: 'active' } }, packages: {} },
    operations: [{ kind: 'preview' }],
  });
  const result = await runEngine(
    { ...job, config: { ...job.config, 'github-packages:baseURL': { value: 'https://ghe.example.com/api/v3' } } },
    { timeoutMs: 5 * MINUTE },
  );
  const [preview] = result.operations;
  expect(preview.ok).toBe(false);
  const text = [preview.stdout, preview.stderr, ...preview.diagnostics.map((d) => d.message)].join('\n');
  const said = 'github-packages:baseURL: is not a setting of pulumi-github-packages; did you mean github-packages:baseUrl?';
  expect(text).toContain(said);
  // Once among the diagnostics, on the resource (before: a second copy under the stack, with its stack trace).
  expect(preview.diagnostics.filter((d) => d.message.includes(said))).toHaveLength(1);
  expect(text).not.toMatch(/\.ts:\d+:\d+\)/);
  expect(text).not.toMatch(/ConfigurationError/);
  // Refused before any request: the default API (GitHub.com) was never asked.
  expect(sim.log).toEqual([]);
});

/**
 * examples/yaml through the real engine, as a user runs it: `runtime: yaml` (the YAML language host built from its
 * Go module), the provider plugin installed from a file, stack config pointing at the simulator. The preview lists
 * the exact deletions, `up` deletes exactly those (the simulator's request log), a second preview is converged, and
 * the token is nowhere in the state. The binding rules hold through this door too: a version published between
 * a review and its apply makes `up --strict` and `up --plan` refuse, deleting nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { deletedVersionIds, mutationsSince, MINUTE, sorted } from '../e2e/e2e-helpers';
import { adminOrgFixture, hourlyVersions } from '../e2e/e2e-fixtures';
import { pluginEngine, stackOn, type CliResult, type PluginEngine } from './plugin-engine';
import { reviewedDeletions } from '../../provider/resources/retention-plan-view';

jest.setTimeout(30 * MINUTE);

const TOKEN = 'ghp_sim_admin';
const DEMO = path.join(repoRoot(), 'simulator', 'fixtures', 'demo.json');

interface PreviewStep {
  op: string;
  urn: string;
  newState?: { inputs?: Record<string, unknown> };
}

/** `pulumi preview --json`: the steps and the change summary. */
function parsePreview(result: CliResult): { steps: PreviewStep[]; changeSummary: Record<string, number> } {
  if (result.code !== 0) throw new Error(`preview failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout) as { steps: PreviewStep[]; changeSummary: Record<string, number> };
}

/** Version ids a preview step lists in `pendingDeletions`. */
function pendingOf(step: PreviewStep | undefined): number[] {
  return sorted(reviewedDeletions(step?.newState?.inputs?.pendingDeletions as Record<string, unknown> | undefined).map((d) => d.id));
}

const stepNamed = (steps: PreviewStep[], name: string) => steps.find((s) => s.urn.endsWith(`::${name}`));

let dir: EngineWorkDir;
let engine: PluginEngine;

beforeAll(async () => {
  dir = createEngineWorkDir('plugin-yaml');
  engine = await pluginEngine(dir.path, { yaml: true });
}, 45 * MINUTE);
afterAll(() => dir?.cleanup());

describe('examples/yaml with the provider plugin', () => {
  let sim: RunningSimulator;
  const project = () => path.join(dir.path, 'example');
  beforeAll(async () => {
    sim = await startSimulator({ fixture: DEMO });
    await stackOn(engine, sim, { from: 'examples/yaml', to: project(), stack: 'dev', token: TOKEN, config: { org: 'demo-org' } });
  });
  afterAll(() => sim.stop());

  test('preview lists the exact deletions, up deletes exactly those, the next preview is converged', async () => {
    const from = sim.log.length;
    const preview = parsePreview(await engine.run(['preview', '--json'], { cwd: project() }));
    const images = pendingOf(stepNamed(preview.steps, 'images'));
    const prereleases = pendingOf(stepNamed(preview.steps, 'prereleases'));
    expect(images.length).toBeGreaterThan(0);
    expect(prereleases.length).toBeGreaterThan(0);
    expect(mutationsSince(sim, from)).toEqual([]); // a preview deletes nothing

    const beforeUp = sim.log.length;
    const up = await engine.run(['up', '--yes', '--skip-preview'], { cwd: project() });
    expect(up.code).toBe(0);
    expect(sorted(deletedVersionIds(mutationsSince(sim, beforeUp)))).toEqual(sorted([...images, ...prereleases]));

    const again = parsePreview(await engine.run(['preview', '--json'], { cwd: project() }));
    expect(Object.keys(again.changeSummary)).toEqual(['same']);

    const state = await engine.run(['stack', 'export'], { cwd: project() });
    expect(state.code).toBe(0);
    expect(state.stdout).not.toContain(TOKEN);
    expect(fs.readdirSync(dir.path).length).toBeGreaterThan(0);
  });
});

describe('binding reviews through the plugin: a version published between review and apply', () => {
  const ORG = 'e2e';
  const BINDING_TOKEN = 'ghp_pluginBindingAdminToken000000000001';
  let sim: RunningSimulator;
  const project = (stack: string) => path.join(dir.path, `binding-${stack}`);
  const listing = (pkg: string) => `/orgs/${ORG}/packages/npm/${pkg}/versions`;
  const listingsSince = (from: number, route: string) => sim.log.slice(from).filter((e) => e.method === 'GET' && e.path === route).length;

  beforeAll(async () => {
    const packages = ['strict', 'planned', 'clean'].map((name, i) => ({
      owner: ORG,
      packageType: 'npm' as const,
      name,
      versions: hourlyVersions(30, { id: (n) => (i + 1) * 1000 + n, prefix: '1.0' }),
    }));
    sim = await startSimulator({ fixture: adminOrgFixture({ org: ORG, token: BINDING_TOKEN, label: 'plugin-binding', packages }) });
  });
  afterAll(() => sim.stop());

  const stack = (name: string) =>
    stackOn(engine, sim, {
      from: 'tests/plugin/yaml-binding',
      to: project(name),
      stack: name,
      token: BINDING_TOKEN,
      config: { org: ORG, package: name },
    });
  const publish = (pkg: string) => sim.control.publishVersion({ owner: ORG, packageType: 'npm', packageName: pkg, name: '1.0.31' });

  test('preview --save-plan, then up --plan: refused ("violates plan"), nothing deleted', async () => {
    await stack('planned');
    const plan = path.join(project('planned'), 'plan.json');
    const saved = await engine.run(['preview', '--save-plan', plan], { cwd: project('planned') });
    expect(saved.code).toBe(0);
    publish('planned');
    const from = sim.log.length;
    const up = await engine.run(['up', '--plan', plan, '--yes', '--skip-preview'], { cwd: project('planned') });
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/violates plan: properties changed: .*pendingDeletions/);
    expect(mutationsSince(sim, from)).toEqual([]);
  });

  test('up --strict, the version published while its update phase lists: refused, nothing deleted', async () => {
    await stack('strict');
    const route = listing('strict');
    const counted = sim.log.length;
    expect((await engine.run(['preview'], { cwd: project('strict') })).code).toBe(0);
    const perPreview = listingsSince(counted, route);
    expect(perPreview).toBeGreaterThan(0);
    // The update phase lists once more than its preview phase: hold that listing while the version appears.
    sim.faults.add({ match: { method: 'GET', path: route, nth: perPreview + 1 }, fault: { delayMs: 3000 } });
    const from = sim.log.length;
    try {
      const running = engine.run(['up', '--strict', '--yes'], { cwd: project('strict') });
      const deadline = Date.now() + 5 * MINUTE;
      while (listingsSince(from, route) <= perPreview && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      publish('strict');
      const up = await running;
      expect(up.code).not.toBe(0);
      expect(up.stdout + up.stderr).toMatch(/violates plan: properties changed: .*pendingDeletions/);
      expect(mutationsSince(sim, from)).toEqual([]);
    } finally {
      sim.faults.clear();
    }
  });

  test('a clean up --strict deletes exactly what its preview phase showed, and the next preview is converged', async () => {
    await stack('clean');
    const from = sim.log.length;
    const up = await engine.run(['up', '--strict', '--yes'], { cwd: project('clean') });
    expect(up.code).toBe(0);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual([3001, 3002, 3003, 3004]);
    const again = parsePreview(await engine.run(['preview', '--json'], { cwd: project('clean') }));
    expect(Object.keys(again.changeSummary)).toEqual(['same']);

    // A version published since: the preview is an update that names the properties that change (the plugin's
    // detailedDiff, which the stock provider server drops), and the plan has the one new deletion.
    publish('clean');
    const changed = parsePreview(await engine.run(['preview', '--json'], { cwd: project('clean') }));
    const step = stepNamed(changed.steps, 'bulk') as PreviewStep & { detailedDiff?: Record<string, { kind: string }> };
    expect(step.op).toBe('update');
    expect(step.detailedDiff).toMatchObject({ pendingDeletions: { kind: 'update' }, planSummary: { kind: 'update' } });
    expect(Object.keys(step.detailedDiff ?? {})).not.toContain('keepNewest');
    expect(pendingOf(step)).toEqual([3005]);
  });
});

test('installed with npm install -g (the bin on PATH, no `pulumi plugin install`), the engine runs the plugin', async () => {
  const global = createEngineWorkDir('plugin-npm-global');
  const sim = await startSimulator({ fixture: DEMO });
  try {
    const viaPath = await pluginEngine(global.path, { yaml: true, install: 'npm-global' });
    const project = path.join(global.path, 'example');
    await stackOn(viaPath, sim, { from: 'examples/yaml', to: project, stack: 'dev', token: TOKEN, config: { org: 'demo-org' } });
    const preview = parsePreview(await viaPath.run(['preview', '--json'], { cwd: project }));
    expect(pendingOf(stepNamed(preview.steps, 'images')).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(viaPath.home, 'plugins', 'resource-github-packages-v0.1.0'))).toBe(false);
  } finally {
    await sim.stop();
    await global.cleanup();
  }
});

// Runs a program of examples/ through the real Pulumi engine against an in-process simulator, as a user would
// with `pulumi preview --diff`, `pulumi up`, `pulumi preview --expect-no-changes`, and returns what the preview
// announced (from the engine's structured events) next to what the simulator received.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningSimulator } from '../../simulator';
import {
  assertEngineOk,
  createEngineWorkDir,
  repoRoot,
  resourceSteps,
  type EngineJob,
  type EngineOperation,
  type EngineRunResult,
  type OperationResult,
} from '../../scripts/engine';
import { runEngine } from '../../scripts/engine';
import { appliedChanges, type AppliedChange } from '../../scripts/demo/applied-changes';
import { plannedChanges, type PlannedChange } from '../../scripts/demo/planned-changes';
import { FIXTURE_TOKENS } from '../../simulator';

export interface ExampleRun {
  readonly result: EngineRunResult;
  readonly preview: OperationResult;
  readonly up: OperationResult;
  readonly converged: OperationResult;
  /** What the first preview said `up` would delete or restore. */
  readonly planned: PlannedChange[];
  /** What the simulator received during the whole job (preview and the converged preview must add nothing). */
  readonly applied: AppliedChange[];
}

export interface ExampleSpec {
  /** Folder under examples/, also the Pulumi project name (config keys are `<name>:key`). */
  readonly name: string;
  /** The program module when it is not `examples/<name>/program.ts`. */
  readonly module?: string;
  readonly exportName: string;
  /** Project config (without the namespace), e.g. `{ org: 'demo-org' }`. */
  readonly config: Record<string, string>;
}

/** Every program of examples/, with the stack config that points it at the simulator's demo fixture. */
export const EXAMPLES = {
  containerCleanup: { name: 'container-cleanup', exportName: 'containerCleanup', config: { org: 'demo-org', image: 'web' } },
  npmPrereleases: { name: 'npm-prereleases', exportName: 'npmPrereleases', config: { org: 'demo-org' } },
  orgWide: { name: 'org-wide', exportName: 'orgWide', config: { org: 'demo-org' } },
  undoCleanup: { name: 'undo-cleanup', exportName: 'undoCleanup', config: { org: 'demo-org', package: 'app', deletedSince: 'set by the test' } },
  packageVersion: {
    name: 'package-version',
    exportName: 'packageVersion',
    config: { org: 'demo-org', image: 'app', deleteTag: 'pr-495', restoreVersionId: '9001001', restorePackage: 'old-client' },
  },
} as const satisfies Record<string, ExampleSpec>;

/** The engine job of an example against the simulator: its stack config, the simulator's URL and admin token. */
export function exampleJob(sim: RunningSimulator, spec: ExampleSpec, workDir: string, operations: EngineOperation[]): EngineJob {
  const config = Object.fromEntries(Object.entries(spec.config).map(([key, value]) => [`${spec.name}:${key}`, { value }]));
  return {
    workDir,
    projectName: spec.name,
    stackName: 'test',
    program: { module: spec.module ?? `examples/${spec.name}/program.ts`, exportName: spec.exportName },
    config: {
      ...config,
      'github-packages:baseUrl': { value: sim.baseUrl },
      'github-packages:registryUrl': { value: sim.baseUrl },
      'github-packages:mutationIntervalMs': { value: '0' },
      'github-packages:token': { value: FIXTURE_TOKENS.admin, secret: true },
    },
    operations,
  };
}

export async function runExample(sim: RunningSimulator, spec: ExampleSpec): Promise<ExampleRun> {
  const dir = createEngineWorkDir(spec.name);
  sim.clearLog();
  try {
    const result = await runEngine(
      exampleJob(sim, spec, dir.path, [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }]),
      { timeoutMs: 4 * 60_000 },
    );
    assertEngineOk(result);
    const [preview, up, converged] = result.operations as [OperationResult, OperationResult, OperationResult];
    // An example's README shows its preview; the demo program (its own module, no examples/ folder) has none.
    if (spec.module === undefined) expectReadmeShowsPreview(spec, preview.stdout ?? '');
    return {
      result,
      preview,
      up,
      converged,
      planned: plannedChanges(resourceSteps(preview)),
      applied: appliedChanges(sim.log),
    };
  } finally {
    await dir.cleanup();
  }
}

/** What moves from run to run in a preview: the demo fixture dates versions relative to the run, and its container
 * manifests carry those dates, so their digests (and the `sha256-….sig` tags naming them) move with them. */
const MOVING = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z|sha256[:-][0-9a-f]{64}/g;
/**
 * A preview's text without what moves from run to run: times and digests, and the order of the resources (the
 * engine shows each when its check is done, and checks run in parallel), so resource blocks are sorted.
 */
export function withoutMovingParts(text: string): string {
  const lines = text.replace(MOVING, (m) => (m.startsWith('sha256') ? `${m.slice(0, 7)}<digest>` : '<time>')).split('\n');
  const out: string[] = [];
  let blocks: string[][] = [];
  const flush = () => {
    out.push(...blocks.sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1)).flat());
    blocks = [];
  };
  for (const line of lines) {
    if (/^ {4}[-+~*] \S/.test(line)) blocks.push([line]);
    else if (blocks.length > 0 && line.startsWith('     ')) blocks[blocks.length - 1].push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/**
 * The example's README shows, under "## Preview", the display text of the preview this run made: the same but for
 * the times and digests (the fixture dates versions relative to the run). `EXAMPLES_README=1` writes this run's text there.
 */
export function expectReadmeShowsPreview(spec: ExampleSpec, stdout: string): void {
  const file = path.join(repoRoot(), 'examples', spec.name, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const heading = readme.indexOf('\n## Preview\n');
  const open = heading < 0 ? -1 : readme.indexOf('\n```\n', heading);
  const close = open < 0 ? -1 : readme.indexOf('\n```\n', open + 4);
  if (close < 0) throw new Error(`${file} has no "## Preview" section with a code block`);
  const shown = readme.slice(open + 5, close + 1);
  // The CLI's progress lines (`@ previewing update....`) depend on how long the run took.
  const ran = `${stdout
    .split('\n')
    .filter((line) => !line.startsWith('@ '))
    .join('\n')
    .trim()}\n`;
  if (process.env.EXAMPLES_README === '1') {
    fs.writeFileSync(file, `${readme.slice(0, open + 5)}${ran}${readme.slice(close + 1)}`);
    return;
  }
  // Rerun with EXAMPLES_README=1 to write this run's preview into the README.
  expect(withoutMovingParts(shown)).toBe(withoutMovingParts(ran));
}

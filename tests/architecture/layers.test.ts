/**
 * Architecture: no import runs upward and no files import each other in a circle.
 * The layers are written down in .dependency-cruiser.cjs (who may import whom, and why); dependency-cruiser
 * follows every import of the repository, type-only ones included, and reports each one that breaks a rule.
 * Run it by hand with `npx depcruise --config .dependency-cruiser.cjs index.ts provider sdk report simulator scripts tests bench examples`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const SOURCES = ['index.ts', 'provider', 'sdk', 'report', 'simulator', 'scripts', 'tests', 'bench', 'examples'];

/**
 * Violations known today, each with the change that removes it. When that change lands, this test fails
 * until the entry is deleted, so the list only ever shrinks.
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

interface Cruise {
  modules: { source: string }[];
  summary: {
    violations: { type: string; from: string; to: string; rule: { name: string }; cycle?: { name: string }[] }[];
  };
}

/** dependency-cruiser is ESM-only, which jest on Node 20 cannot load in-process: run its CLI. */
function cruise(cwd: string, sources: string[]): Cruise {
  const bin = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const out = execFileSync(process.execPath, [bin, '--config', CONFIG, '--output-type', 'json', ...sources], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as Cruise;
}

/** One line per violation: `rule: from → to`, a circle as the whole round. */
function violations(result: Cruise): string[] {
  const lines = result.summary.violations.map((v) =>
    v.cycle ? `${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
  );
  return [...new Set(lines)].sort();
}

describe('the repository', () => {
  let result: Cruise;
  beforeAll(() => {
    result = cruise(ROOT, SOURCES);
  }, 180_000);

  test('no import runs upward and no files import each other in a circle (but the known ones)', () => {
    expect(violations(result).filter((v) => !KNOWN_VIOLATIONS.includes(v))).toEqual([]);
  });

  test('every known violation is still there (delete the entry of one that is gone)', () => {
    const found = new Set(violations(result));
    expect(KNOWN_VIOLATIONS.filter((v) => !found.has(v))).toEqual([]);
  });

  test('the check saw every source file of provider/, sdk/, report/ and simulator/', () => {
    const cruised = new Set(result.modules.map((m) => m.source));
    const sources = ['provider', 'sdk', 'report', 'simulator'].flatMap((dir) =>
      (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.posix.join(dir, f.split(path.sep).join('/'))),
    );
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((s) => !cruised.has(s))).toEqual([]);
  });
});

test('each rule reports the imports it forbids (a small tree that breaks every one)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'Node16', moduleResolution: 'Node16', strict: true } }),
    'provider/index.ts': "import type { S } from '../sdk/stub';\nexport type I = S;\n",
    'provider/types.ts': "import type { A } from './client/a';\nexport type T = A;\n",
    'provider/planner/plan.ts': "import * as fs from 'fs';\nimport { a } from '../client/a';\nexport const p = [fs, a];\nexport type P = 1;\n",
    'provider/client/a.ts': "import type { B } from './b';\nexport const a = 1;\nexport type A = B;\n",
    'provider/client/b.ts': "import type { A } from './a';\nexport type B = 1 | A;\n",
    'provider/client/c.ts': "import type { R } from '../resources/r';\nexport type C = R;\n",
    'provider/resources/r.ts': 'export type R = 1;\n',
    'provider/contracts/k.ts': "import type { R } from '../resources/r';\nexport type K = R;\n",
    'provider/validation/v.ts': "import type { P } from '../planner/plan';\nexport type V = P;\n",
    'report/r.ts': "import type { S } from '../sdk/stub';\nexport type Q = S;\n",
    'sdk/stub.ts': "import type { H } from '../tests/helper';\nexport type S = H;\n",
    'simulator/s.ts': "import type { A } from '../provider/client/a';\nexport type X = A;\n",
    'tests/helper.ts': 'export type H = 1;\n',
  };
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    expect(violations(cruise(dir, ['provider', 'sdk', 'report', 'simulator', 'tests']))).toEqual([
      'client-layer: provider/client/c.ts → provider/resources/r.ts',
      'contracts-layer: provider/contracts/k.ts → provider/resources/r.ts',
      'no-circular: provider/client/a.ts → provider/client/b.ts → provider/client/a.ts',
      'planner-layer: provider/planner/plan.ts → provider/client/a.ts',
      'product-imports-no-tests: sdk/stub.ts → tests/helper.ts',
      'provider-entry-layer: provider/index.ts → sdk/stub.ts',
      'pure-no-io: provider/planner/plan.ts → fs',
      'report-layer: report/r.ts → sdk/stub.ts',
      'sdk-layer: sdk/stub.ts → tests/helper.ts',
      'shared-files-layer: provider/types.ts → provider/client/a.ts',
      'simulator-layer: simulator/s.ts → provider/client/a.ts',
      'validation-layer: provider/validation/v.ts → provider/planner/plan.ts',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

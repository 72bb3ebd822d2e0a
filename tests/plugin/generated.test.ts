/**
 * What derives from the code for the plugin's users is current: schema.json (generated from the contracts and the
 * SDK's doc comments), the Go and Python SDKs (Pulumi's code generators over that schema), and the Python SDK
 * compiles. Regenerate with `npm run generate`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { INPUT_KEYS, RESOURCE_KINDS, resourceToken } from '../../provider/plugin/type-tokens';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { listFilesRecursively } from '../../scripts/engine/engine-work-dir';
import { generateSchema } from '../../scripts/schema/generate-schema';
import { cachedBuild } from './plugin-engine';

jest.setTimeout(40 * 60_000);

const execFileAsync = promisify(execFile);
const ROOT = repoRoot();
const committed = () =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'schema.json'), 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;

test('schema.json is what the generator writes from the contracts (run `npm run generate` after changing them)', () => {
  expect(committed()).toEqual(generateSchema());
});

test("each resource's schema inputs are its contract's input keys, and the token is a secret setting", () => {
  const schema = committed();
  for (const kind of RESOURCE_KINDS) {
    const resource = schema.resources[resourceToken(kind)] as { inputProperties: Record<string, unknown> };
    expect(Object.keys(resource.inputProperties).sort()).toEqual([...INPUT_KEYS[kind]].sort());
  }
  expect(schema.config.variables).toMatchObject({ token: { secret: true }, baseUrl: { type: 'string' }, registryUrl: { type: 'string' } });
});

test('descriptions come from the doc comments the TypeScript SDK shows', () => {
  const retention = committed().resources['github-packages:index:PackageVersionRetention'] as {
    description: string;
    inputProperties: Record<string, { description?: string }>;
  };
  const sdk = fs.readFileSync(path.join(ROOT, 'sdk', 'package-version-retention.ts'), 'utf8');
  expect(sdk).toContain(retention.inputProperties.olderThan.description!.slice(0, 40));
  expect(retention.description).toMatch(/^Keeps what you need and deletes the rest/);
});

describe('generated SDKs', () => {
  let fresh: string;
  beforeAll(async () => {
    const sdkgen = await cachedBuild('ensure-sdkgen.sh');
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'sdkgen-'));
    await execFileAsync(sdkgen, [path.join(ROOT, 'schema.json'), fresh]);
  }, 40 * 60_000);
  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  test.each(['go', 'python'])('sdk/%s is what the generator writes from schema.json', (language) => {
    const files = (dir: string) =>
      listFilesRecursively(dir)
        .map((f) => path.relative(dir, f))
        .sort();
    const want = path.join(fresh, language);
    const have = path.join(ROOT, 'sdk', language);
    expect(files(have)).toEqual(files(want));
    for (const file of files(want))
      expect([file, fs.readFileSync(path.join(have, file), 'utf8')]).toEqual([file, fs.readFileSync(path.join(want, file), 'utf8')]);
  });

  test('the Python SDK compiles (python3 -m py_compile)', async () => {
    const py = listFilesRecursively(path.join(ROOT, 'sdk', 'python')).filter((f) => f.endsWith('.py'));
    expect(py.length).toBeGreaterThan(5);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pycache-'));
    try {
      // Byte code goes to a temporary prefix, never into the repository.
      await execFileAsync('python3', ['-m', 'py_compile', ...py], { env: { ...process.env, PYTHONPYCACHEPREFIX: out } });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

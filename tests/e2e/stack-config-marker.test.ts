// The harness skips `pulumi config set-all` for a reused stack only when the call would change nothing: the same
// values, and the stack's file as the last call left it (scripts/engine/stack-config-marker.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configIsCurrent, recordConfig, stackConfigFile } from '../../scripts/engine/stack-config-marker';

const TOKEN = 'ghp_stackConfigMarkerToken0000000000001';
const config = { 'github-packages:token': { value: TOKEN, secret: true }, 'github-packages:baseUrl': { value: 'http://127.0.0.1:1', secret: false } };

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-config-marker-'));
  file = stackConfigFile(dir, 'org/project/dev');
  fs.writeFileSync(file, 'encryptionsalt: v1:abc\nconfig:\n  github-packages:token:\n    secure: v1:xyz\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the stack's file is the one the CLI writes: Pulumi.<stack name>.yaml in the project directory", () => {
  expect(file).toBe(path.join(dir, 'Pulumi.dev.yaml'));
});

test('current only after a recorded call with the same values, on the file that call left', () => {
  expect(configIsCurrent(file, config)).toBe(false);
  recordConfig(file, config);
  expect(configIsCurrent(file, config)).toBe(true);
  // The same entries in another order are the same config.
  expect(configIsCurrent(file, Object.fromEntries(Object.entries(config).reverse()))).toBe(true);
});

test('another value, another secret flag, one key more or less: the call is made again', () => {
  recordConfig(file, config);
  expect(configIsCurrent(file, { ...config, 'github-packages:baseUrl': { value: 'http://127.0.0.1:2', secret: false } })).toBe(false);
  expect(configIsCurrent(file, { ...config, 'github-packages:baseUrl': { value: 'http://127.0.0.1:1', secret: true } })).toBe(false);
  expect(configIsCurrent(file, { ...config, 'github-packages:maxDeletionsPerRun': { value: '5', secret: false } })).toBe(false);
  expect(configIsCurrent(file, { 'github-packages:token': config['github-packages:token'] })).toBe(false);
});

test('a file changed since (by a test, `pulumi config set`, or removed) makes the call again', () => {
  recordConfig(file, config);
  fs.appendFileSync(file, '  github-packages:baseUrl: http://elsewhere\n');
  expect(configIsCurrent(file, config)).toBe(false);
  recordConfig(file, config);
  fs.rmSync(file);
  expect(configIsCurrent(file, config)).toBe(false);
});

test('the record holds no value, only digests', () => {
  recordConfig(file, config);
  const marker = fs.readdirSync(dir).filter((f) => f !== 'Pulumi.dev.yaml');
  expect(marker).toEqual(['Pulumi.dev.yaml.harness-config']);
  const text = fs.readFileSync(path.join(dir, marker[0]), 'utf8');
  expect(text).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}\n$/);
  expect(text).not.toContain(TOKEN);
});

// `pulumi config set-all` is one more CLI start in every job (about 0.4 s of CPU, and a key derivation for the
// secrets). A stack that a test file reuses gets the same config in each of its jobs, and the engine reads the
// stack's file (Pulumi.<stack>.yaml), not the call: so the harness records, beside that file, a digest of the values
// it set and of the file the call left. A job whose values and file both match skips the call; anything else (new
// values, a file changed by a test or the CLI, no record) makes it as before. The record holds digests only, never
// a value (tests check that no file of a run contains the token).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type StackConfig = Readonly<Record<string, { readonly value: string; readonly secret: boolean }>>;

/** The stack's settings file, as the CLI names it in the project directory. */
export function stackConfigFile(projectDir: string, stackName: string): string {
  return path.join(projectDir, `Pulumi.${stackName.split('/').pop()}.yaml`);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function record(file: string, config: StackConfig): string | undefined {
  let contents: string;
  try {
    contents = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const entries = Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${digest(JSON.stringify(entries))} ${digest(contents)}\n`;
}

const markerOf = (file: string) => `${file}.harness-config`;

/** True when the last `set-all` the harness made on this file set exactly `config`, and the file is as it left it. */
export function configIsCurrent(file: string, config: StackConfig): boolean {
  const expected = record(file, config);
  if (expected === undefined) return false;
  try {
    return fs.readFileSync(markerOf(file), 'utf8') === expected;
  } catch {
    return false;
  }
}

/** Call after `set-all` of `config` succeeded. */
export function recordConfig(file: string, config: StackConfig): void {
  const text = record(file, config);
  if (text !== undefined) fs.writeFileSync(markerOf(file), text);
}

// What the Automation API asks the CLI for after an operation, read from the file backend instead.
//
// After `up` the SDK runs `pulumi stack output --json` twice (masked and with secrets) and `pulumi stack history`
// (for the summary), after `refresh` and `destroy` the history again: four CLI starts of about 0.4 s of CPU each for
// what the CLI reads from the backend's files. The harness's backend is always a local directory
// (`PULUMI_BACKEND_URL=file://…`, project-scoped layout), so the child reads the same files itself:
//   .pulumi/stacks/<project>/<stack>.json                  the checkpoint: the root stack resource's outputs
//   .pulumi/history/<project>/<stack>/<stack>-<ns>.history.json   one per update: kind, result, resourceChanges
// Anything unexpected (a missing or gzipped file, an output holding a nested secret, asset or resource reference,
// which the CLI would render) returns undefined, and the caller asks the CLI as the SDK does.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The property-value signature key of Pulumi's state format (secrets, assets, archives, resource references). */
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

export interface BackendStack {
  /** The backend directory (`PULUMI_BACKEND_URL` without `file://`). */
  readonly backendDir: string;
  readonly projectName: string;
  readonly stackName: string;
}

/** The backend directory of a `file://` backend URL, or undefined for any other backend. */
export function fileBackendDir(backendUrl: string | undefined): string | undefined {
  if (!backendUrl?.startsWith('file://')) return undefined;
  return backendUrl.slice('file://'.length);
}

export function checkpointFile(stack: BackendStack): string {
  return path.join(stack.backendDir, '.pulumi', 'stacks', stack.projectName, `${stack.stackName}.json`);
}

/** Whether the stack exists in the backend (`pulumi stack init` wrote its checkpoint). */
export function stackExists(stack: BackendStack): boolean {
  return fs.existsSync(checkpointFile(stack));
}

/**
 * The stack's outputs as `stack.outputs()` returns them, with secret values masked (`[secret]`, as the harness reports
 * them anyway); undefined when the checkpoint holds anything the CLI would have to render or decrypt below the top.
 */
export function readStackOutputs(stack: BackendStack): Record<string, { value: unknown; secret: boolean }> | undefined {
  const checkpoint = readJson(checkpointFile(stack)) as
    { checkpoint?: { latest?: { resources?: { type?: string; parent?: string; outputs?: Record<string, unknown> }[] } | null } } | undefined;
  if (!checkpoint?.checkpoint) return undefined;
  const resources = checkpoint.checkpoint.latest?.resources ?? [];
  const root = resources.find((r) => r.type === 'pulumi:pulumi:Stack' && !r.parent);
  const outputs: Record<string, { value: unknown; secret: boolean }> = {};
  for (const [key, value] of Object.entries(root?.outputs ?? {})) {
    if (isSecret(value)) {
      outputs[key] = { value: '[secret]', secret: true };
      continue;
    }
    if (hasSignature(value)) return undefined;
    outputs[key] = { value, secret: false };
  }
  return outputs;
}

/** The newest entry of the stack's update history (what `stack history --page-size 1` shows first), or undefined. */
export function readLatestUpdate(stack: BackendStack): { kind: string; result: string; resourceChanges?: Record<string, number> } | undefined {
  const dir = path.join(stack.backendDir, '.pulumi', 'history', stack.projectName, stack.stackName);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const prefix = `${stack.stackName}-`;
  const suffix = '.history.json';
  const newest = names
    .filter((n) => n.startsWith(prefix) && n.endsWith(suffix))
    .map((n) => ({ n, at: BigInt(/^\d+$/.test(n.slice(prefix.length, -suffix.length)) ? n.slice(prefix.length, -suffix.length) : '-1') }))
    .filter((e) => e.at >= 0n)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
  if (!newest) return undefined;
  const entry = readJson(path.join(dir, newest.n)) as { kind?: unknown; result?: unknown; resourceChanges?: Record<string, number> } | undefined;
  if (typeof entry?.kind !== 'string' || typeof entry.result !== 'string') return undefined;
  return { kind: entry.kind, result: entry.result, ...(entry.resourceChanges ? { resourceChanges: entry.resourceChanges } : {}) };
}

function isSecret(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

function hasSignature(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasSignature);
  if (SIG_KEY in value) return true;
  return Object.values(value).some(hasSignature);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

// Test-only dynamic provider implementation for the engine smoke test. It is loaded at run time by the
// serialized provider stub in smoke-program.ts through `require('pulumi-github-packages/dist/...')`, exactly as
// the real provider's stub loads its implementation from the installed package.
//
// "The world" is a JSON file (id -> value) that tests can edit to simulate drift; every provider call is
// appended to a call log so tests can assert which methods the engine invoked.
import * as fs from 'node:fs';
import type * as pulumi from '@pulumi/pulumi';

export interface RecordedThingInputs {
  /** JSON file holding the "live" values, keyed by id. */
  readonly worldFile: string;
  /** JSON-lines file receiving one `{ method, id?, value? }` record per provider call. */
  readonly callLog: string;
  readonly value: string;
  /** Makes create wait this long first (interruption tests kill the run while the plugin is busy). */
  readonly createDelayMs?: number;
}

export interface RecordedCall {
  readonly method: 'create' | 'create-wait' | 'diff' | 'update' | 'read' | 'delete';
  readonly id?: string;
  readonly value?: string;
}

function record(callLog: string, call: RecordedCall): void {
  fs.appendFileSync(callLog, `${JSON.stringify(call)}\n`);
}

function readWorld(worldFile: string): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(worldFile, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function writeWorld(worldFile: string, world: Record<string, string>): void {
  fs.writeFileSync(worldFile, JSON.stringify(world, null, 2));
}

export async function create(inputs: RecordedThingInputs): Promise<pulumi.dynamic.CreateResult> {
  if (inputs.createDelayMs) {
    record(inputs.callLog, { method: 'create-wait', value: String(inputs.createDelayMs) });
    await new Promise((resolve) => setTimeout(resolve, inputs.createDelayMs));
  }
  const world = readWorld(inputs.worldFile);
  const id = `thing-${Object.keys(world).length + 1}`;
  world[id] = inputs.value;
  writeWorld(inputs.worldFile, world);
  record(inputs.callLog, { method: 'create', id, value: inputs.value });
  return { id, outs: { ...inputs } };
}

export async function diff(id: string, olds: RecordedThingInputs, news: RecordedThingInputs): Promise<pulumi.dynamic.DiffResult> {
  record(news.callLog, { method: 'diff', id, value: news.value });
  const changed = olds.value !== news.value;
  return { changes: changed, ...(changed ? { replaces: [] } : {}) };
}

export async function update(id: string, _olds: RecordedThingInputs, news: RecordedThingInputs): Promise<pulumi.dynamic.UpdateResult> {
  const world = readWorld(news.worldFile);
  world[id] = news.value;
  writeWorld(news.worldFile, world);
  record(news.callLog, { method: 'update', id, value: news.value });
  return { outs: { ...news } };
}

export async function read(id: string, props: RecordedThingInputs): Promise<pulumi.dynamic.ReadResult> {
  const world = readWorld(props.worldFile);
  record(props.callLog, { method: 'read', id, value: world[id] });
  return { id, props: { ...props, value: world[id] ?? props.value } };
}

export async function remove(id: string, props: RecordedThingInputs): Promise<void> {
  const world = readWorld(props.worldFile);
  delete world[id];
  writeWorld(props.worldFile, world);
  record(props.callLog, { method: 'delete', id });
}

/** Parses a call log written by this provider. */
export function readCallLog(callLog: string): RecordedCall[] {
  if (!fs.existsSync(callLog)) return [];
  return fs
    .readFileSync(callLog, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedCall);
}

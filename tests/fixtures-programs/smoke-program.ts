// The engine smoke test's inline program: one dynamic resource whose provider methods only
// `require('pulumi-github-packages/dist/...')`, as the real provider's serialized stub does (issue 4).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import type { ProgramContext } from '../../scripts/engine/engine-job';
import type { RecordedThingInputs } from './call-recorder-provider';

const IMPLEMENTATION = 'pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider';

// Everything inside these methods is serialized into the state by Pulumi; keep it to a `require` by name so
// the stub stays small and the implementation comes from the installed package when the provider runs.
const recorderProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return require('pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider').create(inputs);
  },
  async diff(id, olds, news) {
    return require('pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider').diff(id, olds, news);
  },
  async update(id, olds, news) {
    return require('pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider').update(id, olds, news);
  },
  async read(id, props) {
    return require('pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider').read(id, props);
  },
  async delete(id, props) {
    return require('pulumi-github-packages/dist/tests/fixtures-programs/call-recorder-provider').remove(id, props);
  },
};

type Inputs = { [K in keyof RecordedThingInputs]: pulumi.Input<RecordedThingInputs[K]> };

export class RecordedThing extends pulumi.dynamic.Resource {
  declare public readonly value: pulumi.Output<string>;

  constructor(name: string, args: Inputs, opts?: pulumi.CustomResourceOptions) {
    super(recorderProvider, name, { ...args, value: args.value }, opts);
  }
}

/** Files the smoke test reads: where the provider keeps its "world" and its call log. */
export function smokeFiles(workDir: string): { worldFile: string; callLog: string } {
  return { worldFile: path.join(workDir, 'world.json'), callLog: path.join(workDir, 'calls.jsonl') };
}

/**
 * Params: `value` (string, default "one"); `createDelayMs` (number: create waits that long first); `envProbe` (a
 * variable's name: the program appends the process that runs it and the variable's value, or null, to
 * `env-probe.jsonl` in the work dir).
 * Config: optional secret `smoke:token`, exported as a secret output.
 */
export function smokeProgram(context: ProgramContext): Record<string, unknown> {
  const { worldFile, callLog } = smokeFiles(context.workDir);
  if (typeof context.params.envProbe === 'string') {
    const seen = { pid: process.pid, value: process.env[context.params.envProbe] ?? null, cwd: process.cwd() };
    fs.appendFileSync(path.join(context.workDir, 'env-probe.jsonl'), `${JSON.stringify(seen)}\n`);
  }
  const value = typeof context.params.value === 'string' ? context.params.value : 'one';
  const createDelayMs = typeof context.params.createDelayMs === 'number' ? context.params.createDelayMs : undefined;
  const thing = new RecordedThing('thing', { worldFile, callLog, value, ...(createDelayMs ? { createDelayMs } : {}) });
  const token = new pulumi.Config('smoke').getSecret('token');
  return {
    thingId: thing.id,
    value: thing.value,
    implementation: IMPLEMENTATION,
    ...(token ? { token, tokenLength: token.apply((t) => t.length) } : {}),
  };
}

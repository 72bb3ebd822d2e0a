// Program hosts (`run-stack.js --serve`) kept between the engine jobs of one process (a test file, the demo).
//
// A program host loads the Automation API and the programs: about 2 s of CPU a process, which every job paid when
// each had a process of its own. A job now takes an idle host started with the same Node, @pulumi/pulumi and
// NODE_OPTIONS, or starts one. A host runs one job at a time, with the environment and working directory the job
// would have had in a process of its own. A host that was signalled, or that exited, is never given another job;
// idle ones are stopped after IDLE_MS and never keep the parent's event loop alive.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { JOB_CRASHED, type HostJobMessage, type HostReply } from './host-protocol';
import type { ChildSecrets } from './engine-job';

/** Which hosts can serve a job: the same script on the same Node, SDK copy and Node options. */
export interface HostKey {
  readonly node: string;
  readonly script: string;
  readonly sdkDir: string;
  /** NODE_OPTIONS of the environment the host is started with (it applies once, at start). */
  readonly nodeOptions: string;
}

export interface HostJob {
  readonly jobFile: string;
  readonly secrets: ChildSecrets;
  /** The job's whole process environment (the host's own is replaced with it). */
  readonly env: Record<string, string>;
  readonly cwd: string;
}

/** Where a job's output and messages go. Output is the host's, up to the job's end marker. */
export interface HostJobSinks {
  stdout(text: string): void;
  stderr(text: string): void;
  message(message: unknown): void;
}

export type HostJobEnd =
  { readonly kind: 'done'; readonly code: number } | { readonly kind: 'exit'; readonly code: number | null; readonly signal: NodeJS.Signals | null };

export interface HostedJob {
  /** The host's pid: the leader of the process group the job's CLI runs in. */
  readonly pid: number;
  /** The job will be signalled: its host is not reused, and `end` waits for the host to exit. */
  retire(): void;
  readonly end: Promise<HostJobEnd>;
}

/** An idle host is stopped after this long (a test file's next job usually comes within seconds). */
const IDLE_MS = 20_000;

const idleHosts = new Map<string, ProgramHost[]>();

/** Runs `job` on an idle host for `key`, or on a new one started with `spawnEnv`. */
export function runOnHost(key: HostKey, spawnEnv: Record<string, string>, job: HostJob, sinks: HostJobSinks): HostedJob {
  const id = JSON.stringify([key.node, key.script, key.sdkDir, key.nodeOptions]);
  const idle = idleHosts.get(id) ?? [];
  let host = idle.pop();
  // One that died since it was parked (its 'close' not yet handled) is dropped.
  while (host && !host.usable()) host = idle.pop();
  return (host ?? new ProgramHost(id, key, spawnEnv)).run(job, sinks);
}

class ProgramHost {
  private readonly child: ChildProcess;
  private closed = false;
  private retired = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private current: CurrentJob | undefined;

  constructor(
    private readonly id: string,
    key: HostKey,
    spawnEnv: Record<string, string>,
  ) {
    this.child = spawn(key.node, [key.script, '--serve'], {
      cwd: '/',
      detached: true, // its own process group, so a job's run can be signalled as a whole
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: spawnEnv,
    });
    if (this.child.pid === undefined) throw new Error(`could not start ${key.script} on ${key.node}`);
    for (const [name, stream] of [
      ['stdout', this.child.stdout!],
      ['stderr', this.child.stderr!],
    ] as const) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.current?.output(name, chunk));
      stream.on('end', () => this.current?.output(name, undefined));
    }
    this.child.on('message', (message: unknown) => this.current?.message(message as HostReply));
    // A send to a host that died: its 'close' ends the job (as an exit); not an error of the parent.
    this.child.on('error', () => undefined);
    // 'close', not 'exit': the host's output is all read by then.
    this.child.on('close', (code, signal) => {
      this.closed = true;
      this.forget();
      this.current?.exit(code, signal);
    });
  }

  usable(): boolean {
    return !this.retired && !this.closed && this.child.connected;
  }

  run(job: HostJob, sinks: HostJobSinks): HostedJob {
    clearTimeout(this.idleTimer);
    this.hold(true);
    const endMarker = `\u0000[job end ${randomUUID()}]\u0000`;
    const current = new CurrentJob(endMarker, sinks, () => this.retired);
    this.current = current;
    const message: HostJobMessage = { type: 'job', ...job, endMarker };
    this.child.send(message);
    const end = current.end.then((result) => {
      this.current = undefined;
      // A crashed job's host exits by itself (host-protocol.ts); any other that answered is kept.
      if (result.kind === 'done' && result.code !== JOB_CRASHED && !this.retired && !this.closed) this.park();
      return result;
    });
    return { pid: this.child.pid!, retire: () => (this.retired = true), end };
  }

  /** Back to the idle list, not holding the parent's event loop; stopped after IDLE_MS. */
  private park(): void {
    this.hold(false);
    const list = idleHosts.get(this.id) ?? [];
    list.push(this);
    idleHosts.set(this.id, list);
    this.idleTimer = setTimeout(() => {
      this.forget();
      this.child.kill('SIGTERM');
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private forget(): void {
    clearTimeout(this.idleTimer);
    const list = idleHosts.get(this.id);
    if (list)
      idleHosts.set(
        this.id,
        list.filter((host) => host !== this),
      );
  }

  private hold(busy: boolean): void {
    const handles = [this.child, this.child.stdout, this.child.stderr, this.child.channel] as unknown as ({
      ref?(): void;
      unref?(): void;
    } | null)[];
    for (const handle of handles) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}

/** One job on a host: its output up to the end marker, its `done`, or the host's exit. */
class CurrentJob {
  private readonly pending = { stdout: '', stderr: '' };
  private readonly ended = { stdout: false, stderr: false };
  private done: number | undefined;
  private resolve!: (end: HostJobEnd) => void;
  readonly end = new Promise<HostJobEnd>((resolve) => (this.resolve = resolve));

  constructor(
    private readonly marker: string,
    private readonly sinks: HostJobSinks,
    private readonly retired: () => boolean,
  ) {}

  /** A chunk of the host's stream, or `undefined` when the stream closed. */
  output(stream: 'stdout' | 'stderr', chunk: string | undefined): void {
    if (this.ended[stream]) return;
    const text = this.pending[stream] + (chunk ?? '');
    const at = text.indexOf(this.marker);
    if (at >= 0 || chunk === undefined) {
      this.sinks[stream](at >= 0 ? text.slice(0, at) : text);
      this.pending[stream] = '';
      this.ended[stream] = true;
      this.settle();
      return;
    }
    // Hold back what could be the start of a marker split across chunks.
    const keep = Math.min(text.length, this.marker.length - 1);
    this.sinks[stream](text.slice(0, text.length - keep));
    this.pending[stream] = text.slice(text.length - keep);
  }

  message(message: HostReply | { type?: string }): void {
    if (message.type === 'done') {
      this.done = (message as HostReply).code;
      this.settle();
    } else {
      this.sinks.message(message);
    }
  }

  exit(code: number | null, signal: NodeJS.Signals | null): void {
    this.output('stdout', undefined);
    this.output('stderr', undefined);
    this.resolve({ kind: 'exit', code, signal });
  }

  /** Done when the host said so and both streams reached the marker, unless the job was signalled (then: exit). */
  private settle(): void {
    if (this.done !== undefined && this.ended.stdout && this.ended.stderr && !this.retired()) {
      this.resolve({ kind: 'done', code: this.done });
    }
  }
}

// What the parent (program-host-pool.ts) and a program host (`run-stack.js --serve`) say to each other over IPC.
import type { ChildSecrets } from './engine-job';

/** Run one job. Secrets travel in memory, never on disk; `env` and `cwd` are the job's own, as a fresh process's. */
export interface HostJobMessage {
  readonly type: 'job';
  readonly jobFile: string;
  readonly secrets: ChildSecrets;
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** Written to stdout and stderr after the job's last output: where the job's log ends in the host's streams. */
  readonly endMarker: string;
}

/** `done`'s code when the job threw instead of writing results: the host exits after it (its state is unknown). */
export const JOB_CRASHED = 3;

/** The job ended; `code` 0 when every operation went as asked, 1 when not (results written), or JOB_CRASHED. */
export interface HostDone {
  readonly type: 'done';
  readonly code: number;
}

/** The host's messages: a job's engine events and operation starts (engine-job.ts), and `done`. */
export type HostReply = HostDone;

/** A host left without a job this long exits by itself (a safety net: its parent retires idle hosts sooner). */
export const HOST_IDLE_EXIT_MS = 10 * 60_000;

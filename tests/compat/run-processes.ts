// What each process of an engine run executes, read from /proc (Linux): which binary (`exe`) and its arguments.
// The compatibility run uses it to prove that the program host and the dynamic provider plugin run on the Node
// it asked for, not on another `node` that happens to be on PATH.
import * as fs from 'node:fs';
import { processesOfRun } from '../../scripts/engine/process-tree';

export interface RunProcess {
  readonly pid: number;
  /** Absolute path of the executable (symlinks resolved by the kernel). */
  readonly exe: string;
  readonly argv: readonly string[];
}

/** The live processes of run `runId` (see scripts/engine/process-tree.ts); those that ended meanwhile are left out. */
export function runProcesses(runId: string): RunProcess[] {
  const found: RunProcess[] = [];
  for (const pid of processesOfRun(runId)) {
    try {
      const exe = fs.readlinkSync(`/proc/${pid}/exe`);
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      found.push({ pid, exe, argv });
    } catch {
      // ended between the listing and the read
    }
  }
  return found;
}

// Finds and signals every process of one engine run.
//
// Killing the run's process group is not enough: the Pulumi CLI starts each provider plugin in a process
// group of its own (cmdutil.RegisterProcessGroup), so a plugin that is deleting package versions would
// survive `kill(-pgid)`. Every process of a run inherits a marker variable in its environment, so we can
// find them all, even after their parent died and they were re-parented (Linux: /proc/<pid>/environ).
import * as fs from 'node:fs';

export const RUN_MARKER_VAR = 'PULUMI_GH_PACKAGES_ENGINE_RUN';

/** PIDs of live processes whose environment carries `RUN_MARKER_VAR=<runId>` (empty where /proc is missing). */
export function processesOfRun(runId: string): number[] {
  const needle = `${RUN_MARKER_VAR}=${runId}`;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(needle)) pids.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** Sends `signal` to a process group, then to every process of the run; returns the PIDs signalled. */
export function signalRun(groupLeader: number | undefined, runId: string, signal: NodeJS.Signals): number[] {
  // Snapshot first: once the leader dies, its descendants are re-parented but keep the marker.
  const members = processesOfRun(runId);
  if (groupLeader !== undefined) {
    try {
      process.kill(-groupLeader, signal);
    } catch {
      // the group is already gone
    }
  }
  for (const pid of members) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  return members;
}

/**
 * The run's processes still alive after up to `graceMs`: a process the kill has reached can take a moment to be gone
 * from /proc on a loaded machine; one that nothing killed is still there after it.
 */
export function processesOfRunAfter(runId: string, graceMs: number): number[] {
  const until = Date.now() + graceMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let pids = processesOfRun(runId);
  while (pids.length > 0 && Date.now() < until) {
    Atomics.wait(pause, 0, 0, 50);
    pids = processesOfRun(runId);
  }
  return pids;
}

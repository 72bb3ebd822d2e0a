/**
 * Peak resident memory of the processes of one engine run, by role: the dynamic provider (node running
 * `cmd/dynamic-provider`), the Pulumi CLI, everything else (the program host). Linux's VmHWM (/proc/<pid>/status)
 * is each process's own high-water mark; it is sampled until the process exits, so the last sample is its peak
 * up to a sampling interval before the end.
 */
import * as fs from 'fs';
import * as path from 'path';
import { processesOfRun } from '../scripts/engine/process-tree';

export interface PeakRss {
  providerBytes: number;
  cliBytes: number;
}

function roleOf(pid: number): keyof PeakRss | undefined {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    if (argv.some((a) => a.includes('dynamic-provider'))) return 'providerBytes';
    if (path.basename(argv[0] ?? '') === 'pulumi') return 'cliBytes';
  } catch {
    // gone
  }
  return undefined;
}

function highWaterBytes(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples every `everyMs` until `stop()`, which returns the peaks seen. */
export function watchPeakRss(runId: string, everyMs = 200): { stop(): PeakRss } {
  const peak: PeakRss = { providerBytes: 0, cliBytes: 0 };
  const sample = () => {
    for (const pid of processesOfRun(runId)) {
      const role = roleOf(pid);
      if (role) peak[role] = Math.max(peak[role], highWaterBytes(pid));
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { ...peak };
    },
  };
}

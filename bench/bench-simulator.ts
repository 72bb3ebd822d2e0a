/**
 * The simulator as the benchmark sees it: a base URL, its request log, reset, stop. Either a separate process
 * (`node dist/simulator/bin.js`, so the simulator's own CPU work never competes with the measured client on one
 * event loop) or in-process (the smoke test).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Fixture, RequestLogEntry, RunningSimulator } from '../simulator';

export interface BenchSimulator {
  baseUrl: string;
  /** Every API request so far (control requests are never logged). */
  log(): Promise<RequestLogEntry[]>;
  clearLog(): Promise<void>;
  /** Fixture back as loaded, log emptied, rate-limit counters zeroed. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface SimulatorProcessOptions {
  fixture: Fixture;
  latencyMs: number;
  /** Path of the built simulator entry point. */
  binPath?: string;
}

/** `dist/simulator/bin.js` next to this compiled file (dist/bench/ → dist/simulator/). */
export const DEFAULT_SIMULATOR_BIN = path.join(__dirname, '..', 'simulator', 'bin.js');

export async function startSimulatorProcess(options: SimulatorProcessOptions): Promise<BenchSimulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sim-'));
  const fixturePath = path.join(dir, 'fixture.json');
  fs.writeFileSync(fixturePath, JSON.stringify(options.fixture));
  const args = [options.binPath ?? DEFAULT_SIMULATOR_BIN, '--port', '0', '--fixture', fixturePath, '--latency', String(options.latencyMs)];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before listening: ${stderr.trim()}`)));
  });
  const control = async (method: string, route: string): Promise<unknown> => {
    const res = await fetch(`${baseUrl}/_simulator/${route}`, { method });
    if (!res.ok) throw new Error(`simulator control ${method} ${route} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  return {
    baseUrl,
    log: async () => (await control('GET', 'log')) as RequestLogEntry[],
    clearLog: async () => {
      await control('DELETE', 'log');
    },
    reset: async () => {
      await control('POST', 'reset');
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Wraps an in-process simulator (tests). `stop` stops it. */
export function inProcessSimulator(sim: RunningSimulator): BenchSimulator {
  return {
    baseUrl: sim.baseUrl,
    log: async () => sim.log.map((e) => ({ ...e })),
    clearLog: async () => sim.clearLog(),
    reset: async () => sim.reset(),
    stop: () => sim.stop(),
  };
}

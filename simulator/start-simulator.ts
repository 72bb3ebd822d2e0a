/** Starts the simulator on 127.0.0.1 (port 0 = a free port) and returns the in-process handle tests use. */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { RequestLogEntry, SimulatorOptions } from './types';
import { SimulatorRuntime } from './simulator-runtime';
import { createSimulatorHandler } from './create-simulator-handler';
import type { SimulatorClockApi } from './clock';
import type { FaultsApi } from './faults';
import type { SimulatorControl } from './simulator-control';

export interface RunningSimulator {
  /** API root, e.g. `http://127.0.0.1:PORT`: use it like https://api.github.com. */
  baseUrl: string;
  port: number;
  readonly log: RequestLogEntry[];
  clearLog(): void;
  /** Log entries that are DELETEs or restore POSTs. */
  mutations(): RequestLogEntry[];
  reset(): void;
  clock: SimulatorClockApi;
  faults: FaultsApi;
  control: SimulatorControl;
  runtime: SimulatorRuntime;
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const runtime = new SimulatorRuntime(options);
  const server = http.createServer(createSimulatorHandler(runtime));
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://${host}:${port}`,
    port,
    get log() {
      return runtime.log.entries;
    },
    clearLog: () => runtime.log.clear(),
    mutations: () => runtime.log.mutations(),
    reset: () => runtime.reset(),
    clock: runtime.clock,
    faults: runtime.faults,
    control: runtime.control,
    runtime,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

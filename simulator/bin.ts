#!/usr/bin/env node
/**
 * `node dist/simulator/bin.js [--port 0] [--fixture name|file] [--host 127.0.0.1] [--latency ms] [--no-rate-limits]`
 * prints `GitHub Packages API simulator listening on http://127.0.0.1:PORT` first, then serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'util';
import { fixturePath } from './fixture-loader';
import { startSimulator } from './start-simulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      fixture: { type: 'string' },
      latency: { type: 'string', default: '0' },
      'no-rate-limits': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got "${values.port}".`);
  const sim = await startSimulator({
    port,
    host: values.host,
    fixture: values.fixture === undefined ? undefined : fixturePath(values.fixture),
    latencyMs: Number(values.latency) || 0,
    rateLimits: values['no-rate-limits'] ? { enabled: false } : undefined,
  });
  process.stdout.write(`GitHub Packages API simulator listening on ${sim.baseUrl}\n`);
  process.stdout.write(`Control surface: ${sim.baseUrl}/_simulator/ (see simulator/README.md)\n`);
  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${(err as Error).message}\n`);
  process.exit(1);
});

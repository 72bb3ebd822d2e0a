/**
 * A warning for the person running `pulumi preview` or `up`, sent through the engine's log: the CLI prints it with
 * the run's diagnostics and `pulumi preview --json` lists it (the review report shows it). It never goes into the
 * checked inputs: a saved plan binds those, and a notice that depends on the token (a read-only token's preview
 * says the apply needs `delete:packages`) would make `pulumi up --plan` with the deleting token "violate plan".
 *
 * The engine starts the provider process with its own address as the first argument (the dynamic provider host
 * and a provider plugin alike); the notice is one `Log` call to it (pulumirpc.Engine, the service `pulumi.log`
 * uses in a program). Without an engine (tests calling the provider in-process) the notice goes to stderr.
 * Each text is sent once per process: a preview checks each resource once, and a repeat says nothing new.
 */
import * as path from 'node:path';

export type Notify = (message: string) => Promise<void>;

/** The engine's address among the process arguments (`127.0.0.1:<port>`), if the engine started this process. */
export function engineAddressOf(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => /^(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/.test(a));
}

interface EngineLogClient {
  log(request: unknown, callback: (error: Error | null) => void): void;
}

/** A notifier that warns through the engine at `address` (or stderr without one), each text once. */
export function engineNotifier(
  address = engineAddressOf(process.argv),
  fallback: (m: string) => void = (m) => console.warn(`warning: ${m}`),
): Notify {
  const sent = new Set<string>();
  let client: { engine: EngineLogClient; request: (m: string) => unknown } | undefined;
  return async (message) => {
    if (sent.has(message)) return;
    sent.add(message);
    if (!address) return fallback(message);
    try {
      client ??= connect(address);
      const { engine, request } = client;
      await new Promise<void>((resolve, reject) => engine.log(request(message), (error) => (error ? reject(error) : resolve())));
    } catch {
      fallback(message);
    }
  };
}

/** The engine's gRPC client from the @pulumi/pulumi this process runs with (and its @grpc/grpc-js). */
function connect(address: string): { engine: EngineLogClient; request: (m: string) => unknown } {
  /* eslint-disable @typescript-eslint/no-require-imports -- the SDK's generated gRPC stubs, untyped at this path */
  const sdk = path.dirname(require.resolve('@pulumi/pulumi/package.json'));
  const grpc = require(require.resolve('@grpc/grpc-js', { paths: [sdk] })) as { credentials: { createInsecure(): unknown } };
  const services = require('@pulumi/pulumi/proto/engine_grpc_pb') as { EngineClient: new (address: string, credentials: unknown) => EngineLogClient };
  const messages = require('@pulumi/pulumi/proto/engine_pb') as {
    LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown; setUrn(u: string): unknown };
    LogSeverity: { WARNING: number };
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const engine = new services.EngineClient(address, grpc.credentials.createInsecure());
  return {
    engine,
    request: (message) => {
      const request = new messages.LogRequest();
      request.setSeverity(messages.LogSeverity.WARNING);
      request.setMessage(message);
      // The dynamic provider protocol does not tell check which resource it checks: the notice names what it is about.
      request.setUrn('');
      return request;
    },
  };
}

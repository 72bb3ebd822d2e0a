/**
 * Warnings to the engine's log (`Engine.Log`), attached to a resource when its URN is known: the engine shows them
 * under that resource in `preview` and `up`, in every language, instead of text on the plugin's stderr. Messages
 * pass through redaction first: the token never reaches the engine.
 */
import { createRequire } from 'node:module';
import { redactSecrets } from '../redaction';

export interface EngineLog {
  warn(message: string, urn?: string): void;
  /** Resolves when every message sent so far has been received (before the plugin answers the engine). */
  flush(): Promise<void>;
}

/** A log to stderr (no engine address, e.g. a unit test). */
export const stderrLog: EngineLog = {
  warn: (message) => console.warn(`[github-packages] ${redactSecrets(message)}`),
  flush: async () => undefined,
};

/** The engine's gRPC client, loaded from the @pulumi/pulumi the plugin runs with (it brings @grpc/grpc-js). */
export function engineLog(engineAddress: string): EngineLog {
  const fromSdk = createRequire(require.resolve('@pulumi/pulumi'));
  const grpc = fromSdk('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const engineRpc = fromSdk('./proto/engine_grpc_pb') as typeof import('@pulumi/pulumi/proto/engine_grpc_pb');
  const engineProto = fromSdk('./proto/engine_pb') as typeof import('@pulumi/pulumi/proto/engine_pb');
  const client = new engineRpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
  const pending = new Set<Promise<void>>();
  return {
    warn(message, urn) {
      const req = new engineProto.LogRequest();
      req.setSeverity(engineProto.LogSeverity.WARNING);
      req.setMessage(redactSecrets(message));
      if (urn) req.setUrn(urn);
      const sent = new Promise<void>((resolve) => client.log(req, () => resolve()));
      pending.add(sent);
      void sent.then(() => pending.delete(sent));
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}

/**
 * Serves the plugin with @pulumi/pulumi's provider support (`provider.main(provider, args)`), and fills in what its
 * stock gRPC server leaves out for a provider like this one:
 * - `Configure`: the stock server drops the request, so the token, `baseUrl` and every other setting would be lost;
 *   here they become the provider's configuration (`plugin-config.ts`).
 * - `Diff`: the stock server drops `detailedDiff`; here it is sent, so previews name the properties that change.
 * Everything else is the stock server's (check failures, partial-failure details, schema, invokes).
 * It wraps the service object the stock `main` registers, once, just before gRPC reads its methods.
 */
import { createRequire } from 'node:module';
import * as pulumi from '@pulumi/pulumi';
import { configReaderOf } from './plugin-config';
import type { PluginProvider } from './plugin-provider';

type Callback = (err: unknown, value?: unknown) => void;
type Call = { request: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (call: Call, callback: Callback) => void;

export async function servePlugin(provider: PluginProvider, args: string[]): Promise<void> {
  const fromSdk = createRequire(require.resolve('@pulumi/pulumi'));
  const grpc = fromSdk('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const proto = fromSdk('./proto/provider_pb') as typeof import('@pulumi/pulumi/proto/provider_pb');
  const rpc = fromSdk('./proto/provider_grpc_pb') as typeof import('@pulumi/pulumi/proto/provider_grpc_pb');

  const kinds = { add: proto.PropertyDiff.Kind.ADD, delete: proto.PropertyDiff.Kind.DELETE, update: proto.PropertyDiff.Kind.UPDATE };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, called with .call(this)
  const original = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    if (service === rpc.ResourceProviderService) {
      grpc.Server.prototype.addService = original;
      const impl = implementation as unknown as Record<string, Handler>;
      impl.configure = (call, callback) => {
        try {
          const req = call.request as InstanceType<typeof proto.ConfigureRequest>;
          const variables = new Map<string, string>(req.getVariablesMap().toArray());
          provider.configure(configReaderOf(variables, req.getArgs()?.toJavaScript()));
          const resp = new proto.ConfigureResponse();
          resp.setAcceptsecrets(true);
          resp.setSupportspreview(false);
          callback(undefined, resp);
        } catch (err) {
          callback(err);
        }
      };
      impl.diff = (call, callback) => {
        const req = call.request as InstanceType<typeof proto.DiffRequest>;
        const olds = req.getOlds()?.toJavaScript() ?? {};
        const news = req.getNews()?.toJavaScript() ?? {};
        provider.diff(req.getId(), req.getUrn(), olds, news).then(
          (result) => {
            const resp = new proto.DiffResponse();
            const changes = proto.DiffResponse.DiffChanges;
            resp.setChanges(result.changes === true ? changes.DIFF_SOME : result.changes === false ? changes.DIFF_NONE : changes.DIFF_UNKNOWN);
            if (result.replaces?.length) resp.setReplacesList([...result.replaces]);
            if (result.stables?.length) resp.setStablesList([...result.stables]);
            if (result.deleteBeforeReplace) resp.setDeletebeforereplace(true);
            if (result.detailedDiff) {
              resp.setHasdetaileddiff(true);
              resp.setDiffsList(Object.keys(result.detailedDiff));
              const map = resp.getDetaileddiffMap();
              for (const [key, kind] of Object.entries(result.detailedDiff)) {
                const diff = new proto.PropertyDiff();
                diff.setKind(kinds[kind]);
                diff.setInputdiff(true);
                map.set(key, diff);
              }
            }
            callback(undefined, resp);
          },
          (err) => callback(err),
        );
      };
    }
    return original.call(this, service, implementation);
  };
  await pulumi.provider.main(provider, args);
}

/**
 * The provider plugin's resource protocol over the one implementation (`resources/resource-implementation.ts`,
 * `resources/read-functions.ts`): it only adapts. Secret inputs are unwrapped before an implementation sees them
 * and what derives from them goes back secret; the plan's warnings go to the engine's log under the resource; the
 * diff names the properties that change (`detailedDiff`, sent by `serve-plugin.ts`).
 */
import type * as pulumi from '@pulumi/pulumi';
import { PackagesClient } from '../client/packages-client';
import { ProviderContext, createProviderContext } from '../resources/provider-context';
import { getPackageWith, listPackagesWith, listPackageVersionsWith } from '../resources/read-functions';
import { createResourceImplementation, type ResourceImplementation } from '../resources/resource-implementation';
import type { ResourceKind } from '../resource-kind';
import { packagesClientOptions, type ConfigReader } from '../settings/provider-settings';
import { InvalidArgumentsError } from '../validation/invalid-arguments-error';
import { detailedDiff, type PropertyDiffKind } from './detailed-diff';
import type { EngineLog } from './engine-log';
import { markSecrets, unwrapProperties } from './secret-values';
import { INPUT_KEYS, functionOfToken, kindOfUrn } from './type-tokens';

type Props = Record<string, unknown>;

/** A diff with the properties that change, which the stock server drops and `serve-plugin.ts` sends. */
export interface PluginDiffResult extends pulumi.provider.DiffResult {
  readonly detailedDiff?: Record<string, PropertyDiffKind>;
}

export interface PluginProvider extends pulumi.provider.Provider {
  /** The engine's `Configure`: the stack's `github-packages:*` config; the first call wins. */
  configure(config: ConfigReader): void;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<PluginDiffResult>;
}

export interface PluginProviderOptions {
  version: string;
  schema: () => Promise<string>;
  log: EngineLog;
  env?: NodeJS.ProcessEnv;
}

export function createPluginProvider(options: PluginProviderOptions): PluginProvider {
  const { log } = options;
  let context: ProviderContext | undefined;
  const implementations = new Map<ResourceKind, ResourceImplementation>();

  const contextOf = (): ProviderContext => {
    context ??= createContextFor({ get: () => undefined });
    return context;
  };
  function createContextFor(config: ConfigReader): ProviderContext {
    return createProviderContext({
      config,
      ...(options.env ? { env: options.env } : {}),
      // The client's warnings (rate limits, busy packages) go to the engine's log, not to stderr.
      createClient: (settings) => new PackagesClient({ ...packagesClientOptions(settings), log: { warn: (m) => log.warn(m) } }),
    });
  }
  const implementationOf = (urn: string): { kind: ResourceKind; impl: ResourceImplementation } => {
    const kind = kindOfUrn(urn);
    if (!kind) throw new Error(`github-packages has no resource type for ${urn}; upgrade the plugin or fix the type token.`);
    let impl = implementations.get(kind);
    if (!impl) {
      impl = createResourceImplementation(kind, contextOf());
      implementations.set(kind, impl);
    }
    return { kind, impl };
  };
  /** Properties of a failed apply (recorded in state) are marked like a successful one's. */
  const markError = (err: unknown, secretKeys: ReadonlySet<string>, kind: ResourceKind): never => {
    const withProps = err as { properties?: Props };
    if (withProps && typeof withProps === 'object' && withProps.properties) {
      withProps.properties = markSecrets(withProps.properties, secretKeys, INPUT_KEYS[kind]);
    }
    throw err;
  };

  return {
    version: options.version,
    getSchema: options.schema,

    configure(config) {
      context ??= createContextFor(config);
    },

    async check(urn, olds: Props, news: Props) {
      const { kind, impl } = implementationOf(urn);
      const n = unwrapProperties(news);
      const result = await impl.check(unwrapProperties(olds).props, n.props);
      const warnings = (result.inputs as Props | undefined)?.planWarnings;
      if (Array.isArray(warnings)) for (const w of warnings) log.warn(String(w), urn);
      await log.flush();
      return {
        inputs: markSecrets(result.inputs as Props | undefined, n.secretKeys, INPUT_KEYS[kind]),
        failures: (result.failures ?? []).map((f) => ({ property: f.property, reason: f.reason })),
      };
    },

    async diff(id, urn, olds, news) {
      const { kind, impl } = implementationOf(urn);
      const o = unwrapProperties(olds).props;
      const n = unwrapProperties(news).props;
      const result = await impl.diff(id, o, n);
      const named = result.changes ? detailedDiff(o, n, INPUT_KEYS[kind]) : {};
      return {
        ...(result.changes !== undefined ? { changes: result.changes } : {}),
        ...(result.replaces ? { replaces: result.replaces } : {}),
        ...(result.stables ? { stables: result.stables } : {}),
        ...(result.deleteBeforeReplace ? { deleteBeforeReplace: result.deleteBeforeReplace } : {}),
        ...(Object.keys(named).length > 0 ? { detailedDiff: named } : {}),
      };
    },

    async create(urn, inputs: Props) {
      const { kind, impl } = implementationOf(urn);
      const i = unwrapProperties(inputs);
      try {
        const result = await impl.create(i.props);
        return { id: result.id, outs: markSecrets(result.outs as Props | undefined, i.secretKeys, INPUT_KEYS[kind]) };
      } catch (err) {
        return markError(err, i.secretKeys, kind);
      } finally {
        await log.flush();
      }
    },

    async read(id, urn, props: Props) {
      const { kind, impl } = implementationOf(urn);
      const p = unwrapProperties(props);
      const result = await impl.read(id, p.props);
      await log.flush();
      return { id: result.id ?? id, props: markSecrets(result.props as Props | undefined, p.secretKeys, INPUT_KEYS[kind]) };
    },

    async update(id, urn, olds: Props, news: Props) {
      const { kind, impl } = implementationOf(urn);
      const n = unwrapProperties(news);
      try {
        const result = await impl.update(id, unwrapProperties(olds).props, n.props);
        return { outs: markSecrets(result.outs as Props | undefined, n.secretKeys, INPUT_KEYS[kind]) };
      } catch (err) {
        return markError(err, n.secretKeys, kind);
      } finally {
        await log.flush();
      }
    },

    async delete(id, urn, props: Props) {
      const { impl } = implementationOf(urn);
      await impl.delete(id, unwrapProperties(props).props);
    },

    async invoke(token, args: Props) {
      const fn = functionOfToken(token);
      if (!fn) throw new Error(`github-packages has no function ${token}; upgrade the plugin or fix the function token.`);
      const a = unwrapProperties(args);
      const client = contextOf().client();
      try {
        let outputs: unknown;
        if (fn === 'getPackage') outputs = await getPackageWith(client, a.props as never);
        else if (fn === 'listPackages') outputs = { packages: await listPackagesWith(client, a.props as never) };
        else outputs = { versions: await listPackageVersionsWith(client, a.props as never) };
        // A result read with a secret argument stays secret.
        return { outputs: a.secretKeys.size > 0 ? markSecrets(outputs as Props, new Set(['*']), []) : outputs };
      } catch (err) {
        // Bad arguments are check failures naming the property, as for the resources.
        if (err instanceof InvalidArgumentsError) return { failures: err.failures.map((f) => ({ property: f.property, reason: f.reason })) };
        throw err;
      } finally {
        await log.flush();
      }
    },
  };
}

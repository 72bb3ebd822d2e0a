/**
 * What every resource implementation needs at run time: the client for this provider configuration, and "now".
 * Built lazily from the stack config that the dynamic provider's `configure` hook hands over, so that a bad
 * setup fails the first operation that needs the API, with the fix in the message, every time it is tried.
 */
import { realClock } from '../client/clock';
import { PackagesClient } from '../client/packages-client';
import { ConfigReader, ProviderSettings, packagesClientOptions, resolveProviderSettings } from '../settings/provider-settings';
import { RegistryClient } from '../registry/registry-client';
import { engineNotifier, type Notify } from './engine-notice';

export interface ProviderContext {
  /** The resolved provider settings (throws the configuration error, with its fix, when they are bad). */
  settings(): ProviderSettings;
  client(): PackagesClient;
  now(): Date;
  /** Waits (between the reads that verify a mutation's effect); instant in tests. */
  sleep(ms: number): Promise<void>;
  /** The container registry (`github-packages:registryUrl`, or the one beside `baseUrl`), for the image graph of
   * container policies; undefined when neither names one (the token then goes to no registry). */
  registry?(): RegistryClient | undefined;
  /** A warning for the person running the preview, through the engine's log (never the checked inputs), once. */
  notify: Notify;
}

export interface ProviderContextOptions {
  config: ConfigReader;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Default: real time. */
  sleep?: (ms: number) => Promise<void>;
  /** Overrides for tests and the bench (a fake clock, a log); start from `packagesClientOptions(settings)`. */
  createClient?: (settings: ProviderSettings) => PackagesClient;
  /** Default: the engine's log (engine-notice.ts). */
  notify?: Notify;
}

export function createProviderContext(options: ProviderContextOptions): ProviderContext {
  let resolved: ProviderSettings | undefined;
  let client: PackagesClient | undefined;
  let registry: RegistryClient | undefined;
  const settingsOf = () => (resolved ??= resolveProviderSettings(options.config, options.env ?? process.env));
  return {
    settings: settingsOf,
    registry() {
      const settings = settingsOf();
      if (!registry && settings.registryUrl) {
        registry = new RegistryClient({
          registryUrl: settings.registryUrl,
          token: settings.token,
          concurrency: settings.readConcurrency,
          requestTimeoutMs: settings.requestTimeoutMs,
        });
      }
      return registry;
    },
    client() {
      if (!client) {
        const settings = settingsOf();
        client = options.createClient ? options.createClient(settings) : new PackagesClient(packagesClientOptions(settings));
      }
      return client;
    },
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? realClock.sleep,
    notify: options.notify ?? engineNotifier(),
  };
}

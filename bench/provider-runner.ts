/**
 * The provider as the engine's provider process builds it (stack config → settings → PackagesClient →
 * PackageVersionRetention provider), pointed at a simulator. Real clock, real waits.
 */
import { PackagesClient } from '../provider/client/packages-client';
import { MemoryPageStore } from '../provider/client/page-store';
import { createProviderContext } from '../provider/resources/provider-context';
import { packagesClientOptions } from '../provider/settings/provider-settings';
import { createRetentionProvider } from '../provider/resources/retention-provider';

export interface BenchProviderOptions {
  baseUrl: string;
  token: string;
  /** `github-packages:mutationIntervalMs`; default: the provider's default (1000 ms). */
  mutationIntervalMs?: number;
  /** Client warnings (rate-limit waits, retries) land here instead of stderr. */
  warnings?: string[];
}

export type BenchRetentionProvider = ReturnType<typeof createRetentionProvider>;

export function benchRetentionProvider(options: BenchProviderOptions): BenchRetentionProvider {
  const values: Record<string, string> = {
    'github-packages:token': options.token,
    'github-packages:baseUrl': options.baseUrl,
  };
  if (options.mutationIntervalMs !== undefined) values['github-packages:mutationIntervalMs'] = String(options.mutationIntervalMs);
  const warnings = options.warnings;
  return createRetentionProvider(
    createProviderContext({
      config: { get: (key) => values[key] },
      env: {},
      createClient: (settings) =>
        new PackagesClient({
          ...packagesClientOptions(settings),
          // Each bench provider stands for a provider process of its own: its own pages, none on disk.
          pageStore: new MemoryPageStore(),
          log: { warn: (m) => (warnings ? warnings.push(m) : process.stderr.write(`[github-packages] ${m}\n`)) },
        }),
    }),
  );
}

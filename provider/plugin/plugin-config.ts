/**
 * The provider configuration as the engine sends it to `Configure`: the `github-packages:*` stack config (and an
 * explicit provider resource's properties) as `variables` (`github-packages:config:token` → string) and as typed `args`
 * (`token` → value, secrets wrapped). Both become the one ConfigReader the settings resolver reads
 * (`provider/settings/provider-settings.ts`), so the plugin accepts exactly what the dynamic provider accepts.
 */
import { CONFIG_NAMESPACE, type ConfigReader } from '../settings/provider-settings';
import { unwrapSecrets } from './secret-values';

/** What the engine itself puts among a provider's inputs (the plugin's version and download URL): no setting. */
const ENGINE_KEYS = new Set(['version', 'pluginDownloadURL']);

/**
 * `args` wins over `variables` where both name a key (it carries types; variables are strings). The reader lists
 * its keys, so a misspelt setting (`github-packages:baseURL`) is refused with the closest one, as the dynamic
 * provider refuses it, instead of being ignored for a default.
 */
export function configReaderOf(variables: ReadonlyMap<string, string>, args: Record<string, unknown> | undefined): ConfigReader {
  const values = new Map<string, string>();
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, value] of variables) {
    // The engine names a variable by its config token, `github-packages:config:baseUrl`.
    const name = key.startsWith(prefix) ? key.slice(prefix.length).replace(/^config:/, '') : key;
    if (ENGINE_KEYS.has(name) || name.startsWith('__')) continue;
    values.set(prefix + name, value);
  }
  for (const [key, raw] of Object.entries(args ?? {})) {
    const { value } = unwrapSecrets(raw);
    if (value === undefined || value === null || key.startsWith('__') || ENGINE_KEYS.has(key)) continue;
    values.set(prefix + key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return { get: (key) => values.get(key), keys: () => values.keys() };
}

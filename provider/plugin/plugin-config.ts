/**
 * The provider configuration as the engine sends it to `Configure`: the `github-packages:*` stack config (and an
 * explicit provider resource's properties) as `variables` (`github-packages:token` → string) and as typed `args`
 * (`token` → value, secrets wrapped). Both become the one ConfigReader the settings resolver reads
 * (`provider/settings/provider-settings.ts`), so the plugin accepts exactly what the dynamic provider accepts.
 */
import { CONFIG_NAMESPACE, type ConfigReader } from '../settings/provider-settings';
import { unwrapSecrets } from './secret-values';

/** `args` wins over `variables` where both name a key (it carries types; variables are strings). */
export function configReaderOf(variables: ReadonlyMap<string, string>, args: Record<string, unknown> | undefined): ConfigReader {
  const values = new Map<string, string>();
  for (const [key, value] of variables) {
    values.set(key.startsWith(`${CONFIG_NAMESPACE}:`) ? key : `${CONFIG_NAMESPACE}:${key}`, value);
  }
  for (const [key, raw] of Object.entries(args ?? {})) {
    const { value } = unwrapSecrets(raw);
    if (value === undefined || value === null || key.startsWith('__')) continue;
    values.set(`${CONFIG_NAMESPACE}:${key}`, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return { get: (key) => values.get(key) };
}

/**
 * `github-packages:registryUrl`: where the container registry is. Default https://ghcr.io; GitHub Enterprise
 * Server uses its own (`https://containers.HOST`); tests and the demo use the simulator's base URL.
 */
import { ConfigurationError } from '../settings/configuration-error';
import { CONFIG_NAMESPACE, type ConfigReader } from '../settings/provider-settings';
import { DEFAULT_REGISTRY_URL } from './registry-client';

const KEY = `${CONFIG_NAMESPACE}:registryUrl`;

export function resolveRegistryUrl(config: ConfigReader): string {
  const raw = config.get(KEY) || DEFAULT_REGISTRY_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(KEY, `"${raw.slice(0, 80)}" is not a URL. Use https://ghcr.io, or your GitHub Enterprise Server's container registry URL.`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  const insecureAllowed = config.get(`${CONFIG_NAMESPACE}:allowInsecureHttp`) === 'true';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || insecureAllowed))) {
    throw new ConfigurationError(KEY, 'must be https:// (http:// only for a loopback simulator, or with github-packages:allowInsecureHttp): the token is sent to it.');
  }
  if (url.username || url.password || url.search || url.hash) throw new ConfigurationError(KEY, 'must not contain credentials, a query or a fragment.');
  return url.toString().replace(/\/+$/, '');
}

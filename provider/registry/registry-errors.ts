/** Registry failures, worded for the preview. No message ever holds a token or an Authorization header. */
import { redactSecrets } from '../redaction';

export class RegistryAuthError extends Error {
  override readonly name = 'RegistryAuthError';
  constructor(registryUrl: string, detail: string) {
    super(redactSecrets(`container registry ${registryUrl}: ${detail}. Check github-packages:registryUrl and the token's scopes.`));
  }
}

export function describeManifestFailure(status: number, digest: string): string {
  switch (status) {
    case 401:
    case 403:
      return `manifest ${digest}: the registry refused access (HTTP ${status}); a classic token needs read:packages`;
    case 404:
      return `manifest ${digest} is listed by the packages API but the registry does not have it (HTTP 404)`;
    case 429:
      return `manifest ${digest}: the registry rate limit was hit (HTTP 429); run the preview again later`;
    default:
      return `manifest ${digest}: the registry answered HTTP ${status}`;
  }
}

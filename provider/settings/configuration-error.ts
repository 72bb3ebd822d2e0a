/** Bad provider setup (stack config or environment). Raised before any request, with the fix in the message. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    /** The config key or environment variable at fault, e.g. `github-packages:baseUrl`. */
    readonly key: string,
    detail: string,
  ) {
    super(`${key}: ${detail}`);
  }
}

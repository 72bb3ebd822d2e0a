/**
 * Secrets on the wire between the engine and the plugin. The plugin tells the engine it accepts secrets
 * (`acceptSecrets`), so a secret input arrives wrapped as `{ [SIG_KEY]: SECRET_SIG, value }` (the shape of
 * `@pulumi/pulumi/runtime/rpc`): the implementations get plain values, and whatever the plugin derives from a
 * secret goes back wrapped, so the engine keeps it encrypted in state and masked in previews.
 * https://github.com/pulumi/pulumi/blob/master/proto/pulumi/provider.proto (ConfigureResponse.acceptSecrets)
 */
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

export function isSecret(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === 'object' && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): unknown {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** `value` with every secret unwrapped, and whether there was one. */
export function unwrapSecrets(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: unwrapSecrets(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrapSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
  }
  return { value, secret: false };
}

/** A property bag unwrapped, with the names of its top-level properties that held a secret. */
export function unwrapProperties(props: Record<string, unknown> | undefined): { props: Record<string, unknown>; secretKeys: Set<string> } {
  const out: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  for (const [key, raw] of Object.entries(props ?? {})) {
    const { value, secret: wasSecret } = unwrapSecrets(raw);
    out[key] = value;
    if (wasSecret) secretKeys.add(key);
  }
  return { props: out, secretKeys };
}

/**
 * Properties to send back: those named in `secretKeys` wrapped as secrets; when any input was secret, every
 * property not among `plainKeys` (what the provider derived: plans, results) too, since it may carry the secret's
 * value (a package name in `pendingDeletions`, say).
 */
export function markSecrets(
  props: Record<string, unknown> | undefined,
  secretKeys: ReadonlySet<string>,
  inputKeys: readonly string[],
): Record<string, unknown> | undefined {
  if (!props || secretKeys.size === 0) return props;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    const derived = !inputKeys.includes(key);
    out[key] = value !== undefined && (secretKeys.has(key) || derived) ? secret(value) : value;
  }
  return out;
}

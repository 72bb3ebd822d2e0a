/**
 * The last net for the token, at the boundary to the engine: whatever a resource returns (inputs, outputs, check
 * failures) or throws passes through redaction before the engine records or prints it. A server may echo the
 * token anywhere — in a version name that ends up in `pendingDeletions`, in a message — and what reaches the engine
 * lands in state and logs. Returned data loses only the exact secrets the process holds (a package named like a
 * token is left alone); thrown messages also lose anything that looks like a credential.
 */
import type * as pulumi from '@pulumi/pulumi';
import { GitHubPackagesError } from '../errors';
import { redactKnownSecretsDeep, redactSecrets } from '../redaction';
import { RegistryAuthError } from '../registry/registry-errors';
import { ConfigurationError } from '../settings/configuration-error';
import { PartialApplyError } from './apply-failure';

type Implementation = Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>>;

function redactError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? redactSecrets(err) : err;
  err.message = redactSecrets(err.message);
  if (err.stack) err.stack = redactSecrets(err.stack);
  // A failed apply carries the properties the engine records in state (see RetentionApplyError).
  const withProps = err as Error & { properties?: unknown; reasons?: unknown };
  if (withProps.properties !== undefined) withProps.properties = redactKnownSecretsDeep(withProps.properties);
  if (withProps.reasons !== undefined) withProps.reasons = redactKnownSecretsDeep(withProps.reasons);
  return err;
}

/** An error whose message tells the user what to do: its stack (into this package's sources) helps nobody. */
function isUserFacing(err: unknown): err is Error {
  return [GitHubPackagesError, ConfigurationError, RegistryAuthError, PartialApplyError].some((type) => err instanceof type);
}

/**
 * Pulumi's dynamic-provider host prints a thrown error as `${error}: ${error.stack}` before handing it to the
 * engine, which prints its message again: the message twice, and a stack into TypeScript sources the package does
 * not ship. A user-facing error keeps its message for the engine and prints only its name there.
 */
function quiet(err: unknown): unknown {
  if (isUserFacing(err)) {
    const name = err.name;
    err.stack = '';
    Object.defineProperty(err, 'toString', { value: () => name, enumerable: false });
  }
  return err;
}

/** `check`'s user-facing errors (a bad setting, a token without a scope) are the preview's check failures: the
 * engine reports them once, on the resource, with no stack printed at all. */
async function checkWithFailures(
  check: Implementation['check'],
  olds: Parameters<Implementation['check']>[0],
  news: Parameters<Implementation['check']>[1],
): ReturnType<Implementation['check']> {
  try {
    return await check(olds, news);
  } catch (err) {
    if (!isUserFacing(err)) throw err;
    const property = err instanceof ConfigurationError ? err.key : '';
    return { inputs: news as unknown, failures: [{ property, reason: redactSecrets(err.message) }] };
  }
}

export function withRedaction(impl: Implementation): Implementation {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return redactKnownSecretsDeep(await fn(...args));
      } catch (err) {
        throw quiet(redactError(err));
      }
    };
  return {
    check: wrap((olds, news) => checkWithFailures(impl.check.bind(impl), olds, news)),
    diff: wrap(impl.diff.bind(impl)),
    create: wrap(impl.create.bind(impl)),
    read: wrap(impl.read.bind(impl)),
    update: wrap(impl.update.bind(impl)),
    delete: wrap(impl.delete.bind(impl)),
  };
}

/**
 * The last net for the token, at the boundary to the engine: whatever a resource returns (inputs, outputs, check
 * failures) or throws passes through redaction before the engine records or prints it. A server may echo the
 * token anywhere — in a version name that ends up in `pendingDeletions`, in a message — and what reaches the engine
 * lands in state and logs. Returned data loses only the exact secrets the process holds (a package named like a
 * token is left alone); thrown messages also lose anything that looks like a credential.
 */
import type * as pulumi from '@pulumi/pulumi';
import { redactKnownSecretsDeep, redactSecrets } from '../redaction';

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

export function withRedaction(impl: Implementation): Implementation {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return redactKnownSecretsDeep(await fn(...args));
      } catch (err) {
        throw redactError(err);
      }
    };
  return {
    check: wrap(impl.check.bind(impl)),
    diff: wrap(impl.diff.bind(impl)),
    create: wrap(impl.create.bind(impl)),
    read: wrap(impl.read.bind(impl)),
    update: wrap(impl.update.bind(impl)),
    delete: wrap(impl.delete.bind(impl)),
  };
}

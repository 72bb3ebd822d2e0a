/**
 * A preview with a token that can read but not delete or restore is a complete review (the pull-request workflow
 * previews with a read-only token, so nothing a pull request runs can delete): check plans in full and says, once
 * and through the engine's log, what the apply will need. The checked inputs stay the same whatever the token, so
 * a plan saved with the read-only token binds `pulumi up --plan` run with the deleting one. Every mutation still
 * checks the scopes before its request (PackagesClient.mutate), so an `up` with this token stops there, named.
 */
import type { PackagesClient, PreflightTarget } from '../client/packages-client';
import type { PackageAction } from '../types';
import type { ProviderContext } from './provider-context';

export async function noticeApplyScopes(
  context: ProviderContext,
  client: PackagesClient,
  target: PreflightTarget,
  actions: Iterable<PackageAction>,
): Promise<void> {
  for (const action of new Set(actions)) {
    const shortfall = await client.scopeShortfall(target, action);
    if (!shortfall) continue;
    const scopes = shortfall.missing.map((s) => `'${s}'`).join(', ');
    await context.notify(
      `This preview is complete, but applying it needs ${scopes}: \`pulumi up\` (or \`up --plan\`) with this token stops ` +
        `before its first ${action} request. Apply with a token that has the scope(s). ${shortfall.message}`,
    );
  }
}

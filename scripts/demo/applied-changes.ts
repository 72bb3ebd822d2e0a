/**
 * What `up` actually did to GitHub (here: the simulator), read from the simulator's request log: every DELETE
 * and restore POST on a package or version, in the order they were received.
 */
import type { RequestLogEntry } from '../../simulator';
import type { ChangeAction } from './planned-changes';

export interface AppliedChange {
  readonly action: ChangeAction;
  readonly owner: string;
  readonly packageType: string;
  readonly packageName: string;
  readonly versionId?: number;
  /** HTTP status the simulator answered with (204 for a done delete or restore). */
  readonly status: number;
}

// https://docs.github.com/en/rest/packages/packages: /user/packages/…, /orgs/{org}/packages/…, /users/{user}/packages/…
const MUTATION_PATH = /^\/(?:user|(?:orgs|users)\/([^/]+))\/packages\/([^/]+)\/([^/]+)(?:\/versions\/(\d+))?(\/restore)?$/;

/** The mutating requests of a request log as changes; other requests are left out. */
export function appliedChanges(log: readonly RequestLogEntry[]): AppliedChange[] {
  const out: AppliedChange[] = [];
  for (const entry of log) {
    if (entry.method !== 'DELETE' && entry.method !== 'POST') continue;
    const m = MUTATION_PATH.exec(entry.path);
    if (!m) continue;
    const restore = m[5] !== undefined;
    if (entry.method === 'DELETE' && restore) continue;
    if (entry.method === 'POST' && !restore) continue;
    out.push({
      action: restore ? 'restore' : 'delete',
      owner: m[1] ? decodeURIComponent(m[1]) : '@me',
      packageType: decodeURIComponent(m[2]),
      packageName: decodeURIComponent(m[3]),
      ...(m[4] !== undefined ? { versionId: Number(m[4]) } : {}),
      status: entry.status,
    });
  }
  return out;
}

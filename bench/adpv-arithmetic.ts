/**
 * What actions/delete-package-versions v5 (ADPV) spends on the same runs, by its own arithmetic, read from its
 * source at tag v5.0.0 (github.com/actions/delete-package-versions):
 * - src/version/get-versions.ts lists the versions with `per_page: 100` (RATE_LIMIT) and asks for the next page
 *   while a page is full (`paginate: response.data.length === numVersions`): floor(M / 100) + 1 pages for M
 *   versions (one empty page more when M is a multiple of 100);
 * - src/delete.ts deletes at most RATE_LIMIT = 100 versions per run (`Math.min(value.length - minVersionsToKeep,
 *   RATE_LIMIT)`), one DELETE each (src/version/delete-version.ts), all at once (rxjs `merge`), and reads nothing
 *   back; no GET /user, no conditional request, no retry of a rate-limit refusal.
 * So a clean-up larger than 100 versions takes several runs (a workflow run each), every one listing the package
 * again. Points: GitHub's secondary limit charges 1 per GET, 5 per DELETE.
 */
export const ADPV_PER_PAGE = 100;
export const ADPV_MAX_DELETIONS_PER_RUN = 100;

export interface AdpvCost {
  /** Workflow runs until `deletions` are done. */
  runs: number;
  listRequests: number;
  deleteRequests: number;
  /** Every request counts against the primary limit (none is conditional). */
  primaryRequests: number;
  secondaryPoints: number;
}

/** ADPV v5 deleting the `deletions` oldest of `versions` (min-versions-to-keep = versions − deletions). */
export function adpvCost(versions: number, deletions: number): AdpvCost {
  let left = versions;
  let todo = deletions;
  const cost: AdpvCost = { runs: 0, listRequests: 0, deleteRequests: 0, primaryRequests: 0, secondaryPoints: 0 };
  do {
    cost.runs += 1;
    cost.listRequests += Math.floor(left / ADPV_PER_PAGE) + 1;
    const now = Math.min(todo, ADPV_MAX_DELETIONS_PER_RUN);
    cost.deleteRequests += now;
    left -= now;
    todo -= now;
  } while (todo > 0);
  cost.primaryRequests = cost.listRequests + cost.deleteRequests;
  cost.secondaryPoints = cost.listRequests + 5 * cost.deleteRequests;
  return cost;
}

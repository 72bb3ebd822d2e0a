/** Result shapes shared by the scenarios, the report and the JSON file. */
import type { AdpvCost } from './adpv-arithmetic';
import type { RequestStats } from './request-stats';

export interface SideResult {
  wallMs: number;
  requests: RequestStats;
  /** Deletions the plan holds (after the per-run cap). */
  planned?: number;
  /** Naive client only: blind retries. */
  retries?: number;
  /** Provider only, when measured in a child process that does nothing else. */
  peakRssBytes?: number;
}

export interface PlanningResult {
  scenario: 'planning';
  versions: number;
  policy: Record<string, unknown>;
  provider: SideResult;
  naive?: SideResult;
  /** provider wall / naive wall (lower is better). */
  wallRatio?: number;
  /** Issue 7: list requests ≤ ceil(N/100) + 2 per package. */
  listRequestBudget: number;
  stateSize: { cappedDeletions: number; cappedBytes: number; uncappedDeletions?: number; uncappedBytes?: number };
}

export interface OrgResult {
  scenario: 'org';
  packages: number;
  versionsEach: number;
  policy: Record<string, unknown>;
  provider: SideResult;
  naive?: SideResult;
  wallRatio?: number;
  /** ceil(versionsEach/100) + 2 per package. */
  listRequestBudgetPerPackage: number;
  stateSize: { cappedBytes: number };
}

export interface DeleteSetting {
  mutationIntervalMs: number;
  /** 60,000 / interval. */
  configuredPerMinute: number;
  /** check with maxDeletionsPerRun = sample: the reviewed plan. */
  preview: SideResult;
  /** create(checked inputs) with a fresh provider: preflight, one re-listing, confirm, serial deletes. */
  apply: SideResult;
  /** Times the package was listed over preview + apply (at most three: plan, confirm, verify). */
  listingsInFullUp: number;
  sustainedShare: number | undefined;
  /** Extrapolated from the measured pace. */
  estimate500Ms: number | undefined;
  estimate50kMs: number | undefined;
  /** The same, bounded below by the primary limit (5,000 requests per hour). */
  estimate50kWithPrimaryMs: number | undefined;
}

export interface DeleteResult {
  scenario: 'delete';
  packageVersions: number;
  deletions: number;
  sample: number;
  policy: Record<string, unknown>;
  /** check of the full 500-deletion policy: what the reviewer sees and state stores. */
  fullPreview: SideResult & { checkedInputsBytes: number };
  settings: DeleteSetting[];
  naive?: SideResult & {
    sample: number;
    sustainedPerMinute: number | undefined;
    estimate500Ms: number;
    estimate50kMs: number;
  };
}

export interface LoadRun {
  /** The engine operation, start to end (includes starting the program and the provider). */
  wallMs: number;
  /** First request to last answer, from the simulator's log. */
  requestSpanMs: number;
  requests: RequestStats;
}

export interface LoadResult {
  scenario: 'load';
  policies: number;
  packages: number;
  versionsEach: number;
  policy: Record<string, unknown>;
  /** `pulumi preview`: the engine checks the resources one after another. */
  preview: LoadRun;
  /** `pulumi refresh` of the same policies in state: the engine reads them in parallel. */
  refresh: LoadRun;
  /** Policies the preview announced, and the deletions their plans hold. */
  previewedPolicies: number;
  plannedDeletions: number;
  /** When only this scenario was rerun: the run's own date and command (the rest of the report is older). */
  generated?: { date: string; command: string };
}

/** How a team runs a policy through the engine (bench/runs-scenario.ts). */
export type EngineFlow = 'saved-plan' | 'strict';

export interface EngineStepCost {
  requests: RequestStats;
  /** Answers 304 Not Modified: not counted against the primary limit. */
  notModified: number;
  /** Requests the primary limit counts (all but the 304s). */
  primaryRequests: number;
  /** Secondary-limit points: 1 per GET (304s included), 5 per other request. */
  secondaryPoints: number;
  /** Times the package's versions were listed (page-1 requests answered 200 or 304). */
  listings: number;
  /** DELETEs answered 204. */
  deleted: number;
}

export interface EngineStep extends EngineStepCost {
  label: string;
  wallMs: number;
  peakProviderRssBytes: number;
  peakCliRssBytes: number;
}

export interface EngineRunsResult {
  scenario: 'runs';
  label: string;
  versions: number;
  deletions: number;
  mutationIntervalMs: number;
  policy: Record<string, unknown>;
  flows: Array<{ flow: EngineFlow; steps: EngineStep[]; planned: number }>;
  adpv: AdpvCost;
}

export interface MemoryPreviewResult {
  /** When only this scenario was rerun: the run's own date and command. */
  generated?: { date: string; command: string };
  versions: number;
  planned: number;
  checkedInputsBytes: number;
  step: EngineStep;
}

/**
 * What the engine wrote, in either of its machine-readable forms, reduced to one shape:
 * - `pulumi preview --json`: `{ steps: [{ op, urn, newState: { type, inputs, outputs }, oldState }], diagnostics,
 *   changeSummary }` (the CLI's `PreviewDigest`);
 * - a plan saved by `pulumi preview --save-plan`: `{ manifest, config, resourcePlans: { <urn>: { goal: { type,
 *   name }, steps: ['create'], state: { ...outputs } } } }` (the CLI's `DeploymentPlanV1`).
 * Nothing here knows this package's property names (see `resource-properties.ts`) and nothing reaches the
 * network: the report runs in an untrusted pull-request job with no token.
 */

/** The engine's marker for a value not known until `up` (same string in both forms). */
const UNKNOWN_SENTINEL = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
/** The key that marks a secret value in a saved plan (`{ <sig>: <secret sig>, ciphertext }`). */
const SIG_KEY = '4dabf18193072939515e22adb298388d';

/** A property value the engine did not know when it wrote the document. */
export const UNKNOWN: unique symbol = Symbol('unknown until up');
/** A secret property value (the preview shows `[secret]`, a saved plan its ciphertext). */
export const SECRET: unique symbol = Symbol('secret');

export type PropertyValue = unknown;

export interface EngineResource {
  readonly urn: string;
  /** The resource type token, e.g. `pulumi-nodejs:dynamic/github-packages:PackageVersionRetention`. */
  readonly type: string;
  /** The resource's name in the program (the URN's last segment). */
  readonly name: string;
  /** The engine's step: `create`, `update`, `same`, `delete`, `replace`, `read`, ... */
  readonly op: string;
  /** The checked inputs (a preview) or the predicted state (a saved plan): what check recorded for `up`. */
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

export interface EngineMessage {
  readonly severity: string;
  readonly message: string;
  readonly urn?: string;
}

export interface EngineDocument {
  readonly kind: 'preview' | 'plan';
  /** From the URNs: `urn:pulumi:<stack>::<project>::…`. */
  readonly project?: string;
  readonly stack?: string;
  readonly resources: readonly EngineResource[];
  /** Warnings and errors the engine reported (a preview only; a saved plan holds none). */
  readonly messages: readonly EngineMessage[];
}

export class UnreadableEngineOutputError extends Error {
  override readonly name = 'UnreadableEngineOutputError';
}

/** Parses the text of `pulumi preview --json` output or of a `--save-plan` file. */
export function readEngineDocument(text: string): EngineDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UnreadableEngineOutputError(
      `the input is not JSON (${(error as Error).message}): pass the stdout of \`pulumi preview --json\` or a file written by \`pulumi preview --save-plan\``,
    );
  }
  if (isRecord(raw) && isRecord(raw.resourcePlans)) return fromPlan(raw.resourcePlans);
  if (isRecord(raw) && isRecord(raw.manifest)) return fromPlan({}); // a saved plan with no resources
  if (isRecord(raw) && (Array.isArray(raw.steps) || isRecord(raw.changeSummary) || Array.isArray(raw.diagnostics))) {
    return fromPreview(raw);
  }
  throw new UnreadableEngineOutputError('the JSON is neither `pulumi preview --json` output (no "steps") nor a saved plan (no "resourcePlans")');
}

function fromPreview(raw: Record<string, unknown>): EngineDocument {
  const resources: EngineResource[] = [];
  for (const step of Array.isArray(raw.steps) ? raw.steps : []) {
    if (!isRecord(step) || typeof step.urn !== 'string') continue;
    const state = isRecord(step.newState) ? step.newState : isRecord(step.oldState) ? step.oldState : {};
    const type = typeof state.type === 'string' ? state.type : typeFromUrn(step.urn);
    resources.push({
      urn: step.urn,
      type,
      name: nameFromUrn(step.urn),
      op: typeof step.op === 'string' ? step.op : 'unknown',
      // The checked inputs are the plan `up` is held to; outputs of an update step are still the last run's.
      properties: normalize(isRecord(state.inputs) ? state.inputs : asRecord(state.outputs)) as Record<string, PropertyValue>,
    });
  }
  const messages: EngineMessage[] = [];
  for (const d of Array.isArray(raw.diagnostics) ? raw.diagnostics : []) {
    if (!isRecord(d) || typeof d.message !== 'string') continue;
    const severity = typeof d.severity === 'string' ? d.severity : 'info';
    if (severity !== 'warning' && severity !== 'error') continue;
    // The engine's display prefix (`error: `, `warning: `) repeats the severity.
    const message = d.message.trim().replace(/^(error|warning): /, '');
    messages.push({ severity, message, ...(typeof d.urn === 'string' && d.urn ? { urn: d.urn } : {}) });
  }
  return { kind: 'preview', ...origin(resources), resources, messages };
}

function fromPlan(plans: Record<string, unknown>): EngineDocument {
  const resources: EngineResource[] = [];
  for (const [urn, plan] of Object.entries(plans)) {
    if (!isRecord(plan)) continue;
    const goal = asRecord(plan.goal);
    const steps = Array.isArray(plan.steps) ? plan.steps.filter((s): s is string => typeof s === 'string') : [];
    resources.push({
      urn,
      type: typeof goal.type === 'string' ? goal.type : typeFromUrn(urn),
      name: typeof goal.name === 'string' ? goal.name : nameFromUrn(urn),
      op: steps.length === 0 ? 'same' : steps.join('+'),
      properties: normalize(asRecord(plan.state)) as Record<string, PropertyValue>,
    });
  }
  return { kind: 'plan', ...origin(resources), resources, messages: [] };
}

/** Unknowns and secrets become UNKNOWN and SECRET, whichever way the engine encoded them. */
function normalize(value: unknown): unknown {
  if (value === UNKNOWN_SENTINEL) return UNKNOWN;
  if (value === '[secret]') return SECRET;
  if (Array.isArray(value)) return value.map(normalize);
  if (isRecord(value)) {
    if (SIG_KEY in value) return value.ciphertext !== undefined || value.plaintext !== undefined ? SECRET : value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

function origin(resources: readonly EngineResource[]): { project?: string; stack?: string } {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(resources[0]?.urn ?? '');
  return m ? { stack: m[1], project: m[2] } : {};
}

function nameFromUrn(urn: string): string {
  return urn.split('::').pop() ?? urn;
}

/** `urn:pulumi:s::p::parent$type::name` → `type`. */
function typeFromUrn(urn: string): string {
  const parts = urn.split('::');
  return (parts[2] ?? '').split('$').pop() ?? '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/**
 * A policy's stored properties: the rules the user wrote, told apart from what check and apply add, and resolved
 * into the planner's options (at check time strictly: an unknown property is a failure, not dropped).
 */
import type { PatternList } from '../planner/patterns';
import { resolveRetentionOptions, type ResolvedRetentionOptions } from '../planner/retention-options';
import type { CheckFailure } from '../validation/check-failure';
import { validatePackageName } from '../validation/validate-package-inputs';
import { RETENTION_INPUT_KEYS, RETENTION_OUTPUT_KEYS, type RetentionPlanOutputs, type RetentionResultOutputs } from '../contracts/retention-contract';
import { pickProperties } from './resource-inputs';

/** Checked inputs: the rules as written and the plan check rendered (values not known here are `unknown`). */
export type RetentionInputs = Record<string, unknown> & Partial<RetentionPlanOutputs>;
/** Stored outputs. */
export type RetentionStoredOutputs = RetentionInputs & Partial<RetentionResultOutputs>;

/** The properties the user wrote (everything but what check and apply add). */
export function userInputs(all: Record<string, unknown>): Record<string, unknown> {
  return pickProperties(all, RETENTION_INPUT_KEYS);
}

/** `packages` names packages literally (no wildcard, no exclusion): they are used as given, not listed. */
export function isLiteral(list: PatternList): boolean {
  return list.excludes.length === 0 && list.includes.length > 0 && list.includes.every((p) => p.kind === 'glob' && !/[*?]/.test(p.source));
}

/** The stored rules, resolved (inputs or outputs; what check and apply added is ignored). */
export function resolveStored(raw: Record<string, unknown>): ResolvedInputs {
  return resolveRetentionOptions(userInputs(raw));
}

/** The resolved rules, the check failures, and the warnings about the rules as written (an `olderThan` in minutes,
 * an empty `protectTags`…): they depend on the inputs alone, so they are as stable as the inputs in a saved plan. */
export interface ResolvedInputs {
  options?: ResolvedRetentionOptions;
  failures: CheckFailure[];
  warnings: string[];
}

/** What check and apply add to the inputs, and the outputs: everything else a program passes must be a rule. */
const PLAN_PROPERTIES: readonly string[] = RETENTION_OUTPUT_KEYS;

/**
 * Check-time resolution: like `resolveStored`, but an unknown property (a misspelt `keepNewset`) is a failure
 * rather than silently dropped — a policy missing the rule its author meant deletes more than they reviewed.
 * Literal package names go into request paths, so they must be package names (no `..`, `%`, look-alike letters).
 */
export function resolveForCheck(raw: Record<string, unknown>): ResolvedInputs {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (value !== undefined && !PLAN_PROPERTIES.includes(key)) given[key] = value;
  const { options, failures, warnings } = resolveRetentionOptions(given);
  if (!options || !isLiteral(options.packages)) return { options, failures, warnings };
  const nameFailures: CheckFailure[] = [];
  for (const pattern of options.packages.includes) validatePackageName(pattern.source, options.packageType, nameFailures, 'packages');
  return nameFailures.length > 0 ? { failures: [...failures, ...nameFailures], warnings } : { options, failures, warnings };
}

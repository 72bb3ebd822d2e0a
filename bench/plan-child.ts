/**
 * Child-process entry: runs one planning pass and nothing else, so that its peak RSS is the provider's own
 * (input as JSON in env BENCH_PLAN_INPUT, not argv, so the token is not in the process list; prints one JSON
 * line: PlanOnceResult + maxRssBytes).
 */
import { planOnce, type PlanOnceInput } from './plan-once';

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_PLAN_INPUT ?? '') as PlanOnceInput;
  const { checkedInputs: _inputs, ...result } = await planOnce(input);
  // resourceUsage().maxRSS is in kilobytes: the peak resident set of this process over its whole life.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ ...result, maxRssBytes })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`plan-child: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});

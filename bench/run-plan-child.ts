/** Spawns dist/bench/plan-child.js for one planning pass and returns what it measured. */
import { spawn } from 'child_process';
import * as path from 'path';
import type { PlanOnceInput, PlanOnceResult } from './plan-once';

export type ChildPlanResult = PlanOnceResult & { maxRssBytes: number };

export function runPlanChild(input: PlanOnceInput): Promise<ChildPlanResult> {
  const entry = path.join(__dirname, 'plan-child.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_PLAN_INPUT: JSON.stringify(input) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`plan child exited with ${code}: ${err.trim()}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as ChildPlanResult);
      } catch {
        reject(new Error(`plan child printed no result: ${out} ${err}`));
      }
    });
  });
}

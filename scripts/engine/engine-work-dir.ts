// A fresh temporary directory per test (or demo run): holds the job files, results, engine log, the file
// backend and the private PULUMI_HOME, so runs never share state and a failed test leaves its evidence behind
// when asked to.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Set to 1 to keep work directories after tests (they are printed) for inspection. */
export const KEEP_WORK_DIRS_VAR = 'PULUMI_GH_KEEP_ENGINE_WORKDIRS';

export interface EngineWorkDir {
  readonly path: string;
  /** Removes the directory (kept when PULUMI_GH_KEEP_ENGINE_WORKDIRS=1). */
  cleanup(): Promise<void>;
}

export function createEngineWorkDir(label = 'run'): EngineWorkDir {
  const safe = label.replace(/[^a-zA-Z0-9-]+/g, '-').slice(0, 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pgp-engine-${safe}-`));
  return {
    path: dir,
    async cleanup() {
      if (process.env[KEEP_WORK_DIRS_VAR] === '1') {
        process.stderr.write(`[engine] kept work dir ${dir}\n`);
        return;
      }
      await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Every regular file under `dir` (for tests that grep all artifacts of a run). Does not follow symlinks. */
export function listFilesRecursively(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out;
}

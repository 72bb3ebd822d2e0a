/** Reads a fixture (object or JSON file path) into a fresh copy, so `reset()` always starts from the original. */
import * as fs from 'fs';
import * as path from 'path';
import type { Fixture } from './types';

/** Where the shipped fixtures live, from the sources (`simulator/`) or the build (`dist/simulator/`). */
export function fixturesDir(): string {
  const candidates = [path.join(__dirname, 'fixtures'), path.join(__dirname, '..', '..', 'simulator', 'fixtures')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'default.json'))) ?? candidates[0];
}

export const FIXTURE_PATHS = {
  get default(): string {
    return path.join(fixturesDir(), 'default.json');
  },
  get demo(): string {
    return path.join(fixturesDir(), 'demo.json');
  },
  /** The README's Quick start: org `acme`, a container image `web` whose registry serves every manifest. */
  get quickstart(): string {
    return path.join(fixturesDir(), 'quickstart.json');
  },
};

/**
 * `--fixture` of the bin: a shipped fixture by name (`quickstart`, `demo`, `default`), else a JSON file path, so
 * a project that installed the package can start the simulator without a clone of the repository.
 */
export function fixturePath(nameOrFile: string): string {
  const shipped = path.join(fixturesDir(), `${nameOrFile}.json`);
  return /^[a-z][a-z0-9-]*$/.test(nameOrFile) && fs.existsSync(shipped) ? shipped : nameOrFile;
}

export function readFixture(fixture: Fixture | string | undefined): Fixture {
  if (fixture === undefined) fixture = FIXTURE_PATHS.default;
  if (typeof fixture === 'string') {
    let text: string;
    try {
      text = fs.readFileSync(fixture, 'utf8');
    } catch (err) {
      throw new Error(`Cannot read simulator fixture ${fixture}: ${(err as Error).message}`, { cause: err });
    }
    let parsed: Fixture;
    try {
      parsed = JSON.parse(text) as Fixture;
    } catch (err) {
      throw new Error(`Simulator fixture ${fixture} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    const duplicates = duplicateIds(parsed);
    if (duplicates.length > 0) throw new Error(`Simulator fixture ${fixture}: ${duplicates.join('; ')}. GitHub's ids are unique.`);
    return parsed;
  }
  return structuredClone(fixture);
}

/** Package ids and version ids used more than once (GitHub's are unique across all packages): one line each. */
export function duplicateIds(fixture: Fixture): string[] {
  const packages = new Map<number, string[]>();
  const versions = new Map<number, string[]>();
  for (const pkg of fixture.packages ?? []) {
    const name = `${pkg.owner}/${pkg.packageType}/${pkg.name}`;
    // Ids a fixture leaves out are given by the simulator, unique.
    if (pkg.id !== undefined) packages.set(pkg.id, [...(packages.get(pkg.id) ?? []), name]);
    for (const v of pkg.versions ?? []) if (v.id !== undefined) versions.set(v.id, [...(versions.get(v.id) ?? []), name]);
  }
  const twice = (kind: string, ids: Map<number, string[]>) =>
    [...ids].filter(([, where]) => where.length > 1).map(([id, where]) => `${kind} id ${id} is used ${where.length} times (${where.join(', ')})`);
  return [...twice('package', packages), ...twice('version', versions)];
}

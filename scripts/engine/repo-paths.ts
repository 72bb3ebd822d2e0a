// Locates the repository from either the TypeScript sources (jest) or the built JavaScript (dist/).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PACKAGE_NAME = 'pulumi-github-packages';

/** Thrown when the harness is asked to run JavaScript that `npm run build` has not produced yet. */
export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
  constructor(file: string) {
    super(
      `${file} does not exist. Engine runs execute built JavaScript (Pulumi cannot serialize code that jest ` +
        `transformed, pulumi/pulumi#3799): run \`npm run build\` first (\`npm test\` does it for you).`,
    );
  }
}

let cachedRoot: string | undefined;

/** The repository root: the nearest directory above this file whose package.json is this package. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === PACKAGE_NAME) return (cachedRoot = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} repository above ${__dirname}`);
    dir = parent;
  }
}

/**
 * The built JavaScript for a source file of this repo, e.g. `tests/fixtures-programs/smoke-program.ts` →
 * `<root>/dist/tests/fixtures-programs/smoke-program.js`. Throws `MissingBuildError` when it is not built.
 */
export function builtFile(sourcePath: string): string {
  const relative = path.isAbsolute(sourcePath) ? path.relative(repoRoot(), sourcePath) : sourcePath;
  const withoutDist = relative.replace(/^dist[\\/]/, '');
  const js = withoutDist.replace(/\.ts$/, '.js');
  const file = path.join(repoRoot(), 'dist', js);
  if (!fs.existsSync(file)) throw new MissingBuildError(path.relative(repoRoot(), file));
  return file;
}

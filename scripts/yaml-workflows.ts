/**
 * The GitHub Actions workflows for a Pulumi YAML project (examples/yaml/preview.yml, apply.yml), derived from the
 * TypeScript project's (examples/github-actions/): the same jobs, tokens and binding apply; a YAML project has no
 * package.json, so the plugin and the review report come from `npm install --global pulumi-github-packages`
 * (the Pulumi CLI ships the YAML language host). One source: `node dist/scripts/yaml-workflows.js` rewrites them,
 * tests/plugin/yaml-workflows.test.ts fails when they differ.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './engine/repo-paths';

export const WORKFLOWS = ['preview.yml', 'apply.yml'] as const;

function replaceAll(text: string, pattern: RegExp, replacement: string, file: string): string {
  if (!pattern.test(text)) throw new Error(`yaml-workflows: ${file} no longer matches ${pattern}; update scripts/yaml-workflows.ts`);
  return text.replace(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`), replacement);
}

/** The YAML project's variant of one workflow of examples/github-actions/. */
export function yamlVariant(file: string, text: string): string {
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  let out = text;
  out = replaceAll(out, /\n {10}cache: npm\n {10}cache-dependency-path: [^\n]+/, '', file);
  out = replaceAll(
    out,
    /\n {6}- name: Install the program's dependencies\n {8}working-directory: [^\n]+\n {8}run: npm ci/,
    `\n      - name: Install the github-packages plugin and the review report\n        # The bin pulumi-resource-github-packages on PATH is the provider plugin the engine runs (docs/plugin.md).\n        run: npm install --global pulumi-github-packages@${version}`,
    file,
  );
  out = replaceAll(out, /report=node_modules\/\.bin\/github-packages-report/, 'report=github-packages-report', file);
  const header = `# Generated from examples/github-actions/${file} for a Pulumi YAML project (scripts/yaml-workflows.ts): the plugin\n# and the report come from \`npm install --global\`; everything else is the same.\n`;
  return header + out;
}

function main(): void {
  const root = repoRoot();
  for (const file of WORKFLOWS) {
    const source = fs.readFileSync(path.join(root, 'examples', 'github-actions', file), 'utf8');
    fs.writeFileSync(path.join(root, 'examples', 'yaml', file), yamlVariant(file, source));
  }
}

if (require.main === module) main();

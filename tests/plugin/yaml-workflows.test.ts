/** examples/yaml's workflows are the TypeScript project's, with the plugin installed globally (scripts/yaml-workflows.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { WORKFLOWS, yamlVariant } from '../../scripts/yaml-workflows';

test.each(WORKFLOWS)('examples/yaml/%s is current (run `npm run build && node dist/scripts/yaml-workflows.js`)', (file) => {
  const source = fs.readFileSync(path.join(repoRoot(), 'examples', 'github-actions', file), 'utf8');
  const committed = fs.readFileSync(path.join(repoRoot(), 'examples', 'yaml', file), 'utf8');
  expect(committed).toBe(yamlVariant(file, source));
  expect(committed).not.toMatch(/npm ci|node_modules\/\.bin|package-lock/);
  expect(committed).toMatch(/npm install --global pulumi-github-packages@\d/);
});

test('examples/yaml/README.md shows Pulumi.yaml as it is', () => {
  const dir = path.join(repoRoot(), 'examples', 'yaml');
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  const shown = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(shown).toBe(fs.readFileSync(path.join(dir, 'Pulumi.yaml'), 'utf8'));
});

#!/usr/bin/env node
/**
 * `pulumi-resource-github-packages`: the provider plugin the engine starts for YAML, Go, Python and .NET programs
 * (`github-packages:index:*`). The engine passes its address as the first argument; the plugin prints its port.
 * The schema it serves is the committed `schema.json` (generated from `provider/contracts/`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineLog, stderrLog } from './engine-log';
import { createPluginProvider } from './plugin-provider';
import { servePlugin } from './serve-plugin';

/** dist/provider/plugin/main.js → the package root (package.json, schema.json). */
const PACKAGE_ROOT = path.join(__dirname, '..', '..', '..');

function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { version } = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  let schema: Promise<string> | undefined;
  const engineAddress = args.find((a) => !a.startsWith('-'));
  const provider = createPluginProvider({
    version,
    schema: () => (schema ??= fs.promises.readFile(path.join(PACKAGE_ROOT, 'schema.json'), 'utf8')),
    log: engineAddress ? engineLog(engineAddress) : stderrLog,
  });
  return servePlugin(provider, args);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

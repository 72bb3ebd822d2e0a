// Makes `require('pulumi-github-packages/...')` resolve inside this repository, as it does in a user's project.
//
// The serialized dynamic provider stub loads its implementation by package name at run time. The engine's
// provider process (`@pulumi/pulumi/cmd/dynamic-provider`) resolves that name from node_modules/@pulumi/pulumi,
// i.e. it finds packages that are siblings of @pulumi/pulumi. In a user's project this package is such a
// sibling; in this repo it is the root itself, so we add node_modules/pulumi-github-packages -> repo root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_NAME, repoRoot } from './repo-paths';

/** Creates (idempotently) `node_modules/pulumi-github-packages` → repo root; returns the link's path. */
export function ensureSelfLink(root: string = repoRoot()): string {
  const link = path.join(root, 'node_modules', PACKAGE_NAME);
  const target = path.relative(path.dirname(link), root); // `..`: survives moving the checkout
  let existing: string | undefined;
  try {
    existing = fs.readlinkSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EINVAL') {
      throw new Error(`${link} exists and is not a symlink; remove it so the engine tests can link the repo there`, { cause: error });
    }
    if (code !== 'ENOENT') throw error;
  }
  if (existing !== undefined && path.resolve(path.dirname(link), existing) === root) return link;
  if (existing !== undefined) fs.unlinkSync(link);
  try {
    fs.symlinkSync(target, link, 'dir');
  } catch (error) {
    // Another jest worker may have created it in between: fine if it points at the root.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (path.resolve(path.dirname(link), fs.readlinkSync(link)) !== root) throw error;
  }
  return link;
}

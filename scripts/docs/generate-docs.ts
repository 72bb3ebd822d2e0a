/** `npm run docs:generate`: writes the generated reference pages (docs/retention-properties.md). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../engine/repo-paths';
import { PROPERTIES_PAGE, renderRetentionProperties } from './retention-properties';

const target = path.join(repoRoot(), PROPERTIES_PAGE);
fs.writeFileSync(target, renderRetentionProperties());
console.log(`wrote ${PROPERTIES_PAGE}`);

/**
 * Copies the last benchmark table (bench/results/latest.md) into the README's bench section, between
 * `<!-- bench:start -->` and `<!-- bench:end -->`. `npm run bench -- --readme` does the same after a run.
 *
 *   node -r @swc-node/register bench/readme.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSection } from '../scripts/readme-section';
import { README, RESULTS_DIR } from './lib/paths';

const table = readFileSync(join(RESULTS_DIR, 'latest.md'), 'utf8');
const changed = writeSection(README, 'bench', table);
console.log(changed ? 'README bench section updated' : 'README bench section already up to date');

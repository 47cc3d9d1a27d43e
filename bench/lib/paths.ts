import { resolve } from 'node:path';

/** The repository root (bench/lib/ is two levels down). */
export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS_DIR = resolve(ROOT, 'bench', 'results');
export const README = resolve(ROOT, 'README.md');

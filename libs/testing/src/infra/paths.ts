import { join, resolve } from 'node:path';

/** The repository root (this file is libs/testing/src/infra/paths.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** Where started servers keep their data: under the gitignored `tmp/` of the repository. */
export const INFRA_STATE_DIR = join(REPO_ROOT, 'tmp', 'infra');

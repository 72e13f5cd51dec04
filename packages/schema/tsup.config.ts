import { cpSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { loadMigrations } from './src/load-migrations.js';

/**
 * Bakes the shipped release list into src/schema-releases.ts: the versions of the repository's sql/ files, read with
 * the runner's own loader (so bad names and duplicate versions fail the build). vitest.config.ts uses it too.
 */
export function schemaReleasesDefine(): Record<string, string> {
  const versions = loadMigrations(new URL('../../sql/', import.meta.url)).map((migration) => migration.version);
  return { __IPRS_SCHEMA_RELEASES__: JSON.stringify(versions) };
}

// sql/ at the repository root is the single source of the DDL; the package ships a copy made at build time.
export default defineConfig({
  // `releases` and `catalog` are separate entries so they can be imported (or bundled, as @iprs/sdk does with
  // `releases`) without the runner and its migration files; `internal` holds the helpers the other iprs packages share
  // with this one (not public API).
  entry: {
    index: 'src/index.ts',
    releases: 'src/releases.ts',
    catalog: 'src/catalog/index.ts',
    internal: 'src/internal.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node24',
  define: schemaReleasesDefine(),
  async onSuccess() {
    rmSync('sql', { recursive: true, force: true });
    cpSync('../../sql', 'sql', { recursive: true, filter: (source) => !source.endsWith('.md') });
  },
});

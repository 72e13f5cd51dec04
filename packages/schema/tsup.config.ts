import { cpSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { schemaReleasesDefine } from './build/schema-releases-define.js';

// sql/ at the repository root is the single source of the DDL; the package ships a copy made at build time.
export default defineConfig({
  // `releases` is a separate entry so it can be imported (or bundled, as @iprs/sdk does) without the runner.
  entry: ['src/index.ts', 'src/releases.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node24',
  define: schemaReleasesDefine(),
  async onSuccess() {
    rmSync('sql', { recursive: true, force: true });
    cpSync('../../sql', 'sql', { recursive: true, filter: (source) => !source.endsWith('.md') });
  },
});

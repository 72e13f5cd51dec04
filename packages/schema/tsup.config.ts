import { cpSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// sql/ at the repository root is the single source of the DDL; the package ships a copy made at build time.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node24',
  async onSuccess() {
    rmSync('sql', { recursive: true, force: true });
    cpSync('../../sql', 'sql', { recursive: true, filter: (source) => !source.endsWith('.md') });
  },
});

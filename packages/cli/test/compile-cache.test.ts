import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const cwd = process.cwd();

/** Every file under `directory`, recursively. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

// The bin enables V8's compile cache in the default place, the OS temporary directory (TMPDIR here).
describe('iprs verify with the compile cache', async () => {
  const databaseUrl = await useMigratedDatabase();
  const scratch = await useTemporaryDirectory('iprs-compile-cache-', async () => undefined);

  /** `iprs verify --format json` with TMPDIR set and NODE_COMPILE_CACHE unset; the report without its timings. */
  async function verifyWithTemporaryDirectory(temporaryDirectory: string): Promise<unknown> {
    const run = await runIprs(['verify', '--format', 'json', '--database-url', databaseUrl], {
      cwd,
      env: { TMPDIR: temporaryDirectory, NODE_COMPILE_CACHE: undefined },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    const { startedAt: _startedAt, durationMs: _durationMs, ...timeless } = report;
    return timeless;
  }

  /** A fresh, empty temporary directory for one run or more. */
  async function writableDirectory(name: string): Promise<string> {
    const directory = join(scratch, name);
    await mkdir(directory);
    return directory;
  }

  test('is written where it can be, and a second run from it reports the same', async () => {
    const temporaryDirectory = await writableDirectory('written');
    const first = await verifyWithTemporaryDirectory(temporaryDirectory);
    const cached = await filesUnder(join(temporaryDirectory, 'node-compile-cache'));
    expect(cached.length).toBeGreaterThan(0);
    expect(await verifyWithTemporaryDirectory(temporaryDirectory)).toEqual(first);
  });

  test('a cache directory that cannot be created leaves verify working, with the same report', async () => {
    const reference = await verifyWithTemporaryDirectory(await writableDirectory('reference'));
    // A regular file where the temporary directory should be: nothing can be created under it, not even by root.
    const notADirectory = join(scratch, 'not-a-directory');
    await writeFile(notADirectory, 'a file');
    expect(await verifyWithTemporaryDirectory(notADirectory)).toEqual(reference);
    expect((await stat(notADirectory)).isFile()).toBe(true);
  });

  test('a corrupt cache leaves verify working, with the same report', async () => {
    const temporaryDirectory = await writableDirectory('corrupted');
    const reference = await verifyWithTemporaryDirectory(temporaryDirectory);
    const cached = await filesUnder(join(temporaryDirectory, 'node-compile-cache'));
    expect(cached.length).toBeGreaterThan(0);
    for (const file of cached) await writeFile(file, 'not V8 code cache');
    expect(await verifyWithTemporaryDirectory(temporaryDirectory)).toEqual(reference);
  });
});

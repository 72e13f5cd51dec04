import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A project directory for this test file, removed afterwards. Readable by all: as root the server runs as `postgres`. */
export async function useTemporaryDirectory(
  prefix: string,
  cleanUp: (directory: string) => Promise<unknown>,
): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  await chmod(directory, 0o755);
  afterAll(async () => {
    try {
      await cleanUp(directory);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
  return directory;
}

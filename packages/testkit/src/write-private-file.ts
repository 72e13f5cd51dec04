import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `content` to `path` readable by its owner only (0600). It goes to a fresh temporary file first, created 0600
 * exclusively, then renamed over `path`: no moment where the content sits in a file with a looser mode, and a crash
 * leaves either the old file or the new one, never half of it.
 */
export async function writePrivateFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

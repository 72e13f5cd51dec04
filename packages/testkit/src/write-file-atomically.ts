import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

export interface WriteFileAtomicallyOptions {
  /** The file's mode, e.g. 0o600 for a file only its owner may read. Default 0o666 less the umask. */
  readonly mode?: number;
}

/** Content written beside its destination, not yet visible there. */
export interface StagedFile {
  readonly path: string;
  /** Renames the content into place, replacing the file at `path` in one step. */
  commit(): Promise<void>;
  /** Removes the content; `path` is left as it was. */
  discard(): Promise<void>;
}

/**
 * Writes `content` to a fresh temporary file beside `path`, created exclusively and with `mode` from the start, so it
 * never sits in a file with a looser mode. Stage several files and commit them once all were written to replace a set
 * of files together; a failure while writing leaves no temporary file behind.
 */
export async function stageFile(
  path: string,
  content: string,
  options: WriteFileAtomicallyOptions = {},
): Promise<StagedFile> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  // Cleaning up must not hide the real reason (rm of a path below a file fails with ENOTDIR).
  const discard = () => rm(temporary, { force: true }).catch(() => undefined);
  try {
    await writeFile(temporary, content, { mode: options.mode ?? 0o666, flag: 'wx' });
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    path,
    discard,
    async commit() {
      try {
        await rename(temporary, path);
      } catch (error) {
        await discard();
        throw error;
      }
    },
  };
}

/** Replaces `path` with `content` in one step: a crash leaves the old file or the new one, never half of it. */
export async function writeFileAtomically(
  path: string,
  content: string,
  options: WriteFileAtomicallyOptions = {},
): Promise<void> {
  await (await stageFile(path, content, options)).commit();
}

import { constants, open, type FileHandle } from 'node:fs/promises';
import type { ReadStream, Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { ValidationError } from '../errors/validation-error.js';

/** Default max_file_bytes of a CSV file, which is streamed: 1 GiB. */
export const defaultMaxCsvFileBytes = 1024 ** 3;
/** Default max_file_bytes of a JSON file, which is read whole (several times its size in memory): 64 MiB. */
export const defaultMaxJsonFileBytes = 64 * 1024 ** 2;

/**
 * A file accepted for ingestion: a regular file no larger than the limit, open for reading. Every pass over it (hash,
 * parse) reads the same handle and at most the `size` bytes it had when it was accepted, so a file that grows while it
 * is read, or a device posing as a file, can never make a pass endless.
 */
export interface IngestFile {
  readonly path: string;
  readonly size: number;
  /** A fresh stream of the file's bytes from the start; `bytesRead()` counts what the latest stream has read. */
  stream(): Readable;
  bytesRead(): number;
  close(): Promise<void>;
}

/**
 * Opens `path` for ingestion, or refuses it with a one-line ValidationError (field `file`) before anything is written:
 * a missing or unreadable file, anything that is not a regular file (a device such as /dev/zero, a FIFO, a directory,
 * a socket), or a file over `maxFileBytes`. Opened non-blocking, so a FIFO without a writer is refused at once instead
 * of hanging the open.
 */
export async function openIngestFile(path: string, maxFileBytes: number): Promise<IngestFile> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw refused(`cannot read ${path}: ${(error as Error).message}`);
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw refused(`${path} is ${kindOf(stats)}, not a regular file: only regular files can be ingested`);
    if (stats.size > maxFileBytes) {
      throw refused(
        `${path} is ${stats.size} bytes, over the limit of ${maxFileBytes} bytes (raise max_file_bytes / --max-file-size to ingest it)`,
      );
    }
    return fileReader(path, handle, stats.size);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function fileReader(path: string, handle: FileHandle, size: number): IngestFile {
  let latest: ReadStream | undefined;
  return {
    path,
    size,
    stream() {
      if (size === 0) return Readable.from([]);
      latest = handle.createReadStream({ start: 0, end: size - 1, autoClose: false });
      return latest;
    },
    bytesRead: () => latest?.bytesRead ?? 0,
    close: () => handle.close(),
  };
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refused(message: string): ValidationError {
  return new ValidationError([{ field: 'file', message }], 'file ingestion');
}

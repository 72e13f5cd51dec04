import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface BatchProgress {
  readonly rowsRead: number;
  readonly errors: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export type BatchProgressListener = (progress: BatchProgress) => void;

/** Opens a file for streaming and keeps count of the bytes read so far, for progress reports. */
export async function openCountedFile(path: string): Promise<{ stream: Readable; totalBytes: number; bytesRead: () => number }> {
  const { size } = await stat(path);
  const stream = createReadStream(path);
  return { stream, totalBytes: size, bytesRead: () => stream.bytesRead };
}

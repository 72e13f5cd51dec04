import { createHash } from 'node:crypto';
import type { IngestFile } from './ingest-file.js';

/** SHA-256 of a file's bytes, streamed. */
export async function fileSha256(file: IngestFile): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of file.stream()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

import { open } from 'node:fs/promises';

/** The last `maxLines` lines of a (possibly large) text file, or '' when it cannot be read. */
export async function readFileTail(path: string, maxLines = 40, maxBytes = 16_384): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await file.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-maxLines).join('\n');
  } finally {
    await file.close();
  }
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { chunkLines } from './copy-text.js';

/** Streams `lines` into `COPY table (columns) FROM STDIN` on `client`; resolves to the number of rows PostgreSQL took. */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<number> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunkLines(lines)), sink);
  return sink.rowCount;
}

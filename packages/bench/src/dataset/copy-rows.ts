import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextChunks } from '@iprs/sdk/internal';

/** Streams `lines` into `COPY table (columns) FROM STDIN` on `client`; resolves to the number of rows PostgreSQL took. */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<number> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyTextChunks(lines)), sink);
  return sink.rowCount;
}

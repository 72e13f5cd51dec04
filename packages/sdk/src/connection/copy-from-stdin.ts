import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type DriverClient, type DriverQueryResult, type FragmentSqlToken } from 'slonik';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseConnection } from './database-connection.js';

/** Data waiting for the COPY statement that names it, by key; a key lives only while its copyFromStdin call runs. */
const pendingSources = new Map<string, Iterable<string>>();

// copyFromStdin sends `<COPY … FROM STDIN> -- iprs:copy-source $1` with the source's key as the one bound value.
const copySourceMarker = /-- iprs:copy-source \$1\s*$/u;

/**
 * Runs `statement` (a `COPY … FROM STDIN` in text format) on `connection`, streaming `chunks` (COPY text, each holding
 * whole lines) as its data; resolves to the number of rows PostgreSQL took. The statement goes through Slonik like any
 * query (interceptors, error translation, the session guard, the caller's transaction), and the session guard driver
 * hands it to pg-copy-streams on the session's own pg client: Slonik has no COPY of its own.
 */
export const copyFromStdin = async (
  connection: DatabaseConnection,
  statement: FragmentSqlToken,
  chunks: Iterable<string>,
): Promise<number> => {
  const key = randomUUID();
  pendingSources.set(key, chunks);
  try {
    const result = await connection.query(sql.unsafe`${statement} -- iprs:copy-source ${key}`);
    return result.rowCount;
  } finally {
    pendingSources.delete(key);
  }
};

/** The data of a statement sent by copyFromStdin, or undefined for every other statement. */
export const copySourceOf = (text: string, values: readonly unknown[] | undefined): Iterable<string> | undefined => {
  if (values?.length !== 1 || typeof values[0] !== 'string' || !copySourceMarker.test(text)) return undefined;
  return pendingSources.get(values[0]);
};

/**
 * Runs a COPY FROM STDIN on a driver client. pg takes a pg-copy-streams query in place of the statement text and Slonik's
 * pg driver passes it through; the driver then reads `fields` of what pg returned (the stream itself), hence the empty
 * list. The statement is done when PostgreSQL has acknowledged the last byte (or failed it), not when it was queued.
 */
export const runCopyFromStdin = async (
  client: DriverClient,
  text: string,
  source: Iterable<string>,
): Promise<DriverQueryResult> => {
  const sink = Object.assign(copyFrom(text.replace(copySourceMarker, '')), { fields: [] });
  await client.query(sink as never);
  await pipeline(Readable.from(source), sink);
  return { command: 'COPY', fields: [], rowCount: sink.rowCount, rows: [] };
};

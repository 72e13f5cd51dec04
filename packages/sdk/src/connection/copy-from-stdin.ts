import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type DriverClient, type DriverQueryResult, type FragmentSqlToken } from 'slonik';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseConnection } from './database-connection.js';

/** COPY text to stream: whole lines, in chunks of any size. */
type CopySource = Iterable<string> | Readable;

/** Data waiting for the COPY statement that names it, by key; a key lives only while its copyFromStdin call runs. */
const pendingSources = new Map<string, CopySource>();

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
  chunks: CopySource,
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

/**
 * A COPY FROM STDIN that stays open while its caller produces the data: `write` sends chunks as they come, `end`
 * completes the statement, `abort` fails it (PostgreSQL gets a CopyFail and the statement errors; the session stays
 * usable for the caller's ROLLBACK).
 */
export interface OpenCopy {
  /**
   * Queues `chunks` (whole lines) for PostgreSQL. Waits first while the feed is full (`copyFeedBytes`),
   * so that memory stays bounded however far the caller runs ahead; rejects with the statement's error if it failed.
   */
  write(chunks: Iterable<string>): Promise<void>;
  /** Sends the end of the data and resolves to the number of rows PostgreSQL took. */
  end(): Promise<number>;
  /** Fails the statement and waits until PostgreSQL has answered. */
  abort(reason: Error): Promise<void>;
}

/**
 * Data each side of an open COPY's feed holds before its writer waits: enough for PostgreSQL to keep working through a
 * pause of the writer's (a garbage collection), little enough that what is queued when the COPY ends takes PostgreSQL
 * about a second, not several, of its statement_timeout.
 */
const copyFeedBytes = 1024 * 1024;

export const openCopyFromStdin = (connection: DatabaseConnection, statement: FragmentSqlToken): OpenCopy => {
  const feed = new PassThrough({ highWaterMark: copyFeedBytes });
  // The feed's error is the statement's, which done reports; until the statement reaches the driver and its pipeline,
  // nothing else listens, and an abort then would otherwise be an uncaught 'error' event.
  feed.on('error', () => undefined);
  const done = copyFromStdin(connection, statement, feed);
  // Observed by the next write or by end; marked handled so that a failure between two writes is not reported as unhandled.
  done.catch(() => undefined);
  return {
    async write(chunks) {
      if (feed.writableNeedDrain) {
        const waiting = new AbortController();
        try {
          // A feed that errors was destroyed by the failed statement: its error, as the SDK reports it, comes from done.
          await Promise.race([once(feed, 'drain', { signal: waiting.signal }).catch(() => done), done]);
        } finally {
          waiting.abort();
        }
      }
      if (feed.destroyed) {
        await done;
        throw new Error('the COPY ended before all of its data was written');
      }
      for (const chunk of chunks) feed.write(chunk);
    },
    async end() {
      feed.end();
      return done;
    },
    async abort(reason) {
      feed.destroy(reason);
      await done.catch(() => undefined);
    },
  };
};

/** The data of a statement sent by copyFromStdin, or undefined for every other statement. */
export const copySourceOf = (text: string, values: readonly unknown[] | undefined): CopySource | undefined => {
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
  source: CopySource,
): Promise<DriverQueryResult> => {
  const sink = Object.assign(copyFrom(text.replace(copySourceMarker, '')), { fields: [] });
  await client.query(sink as never);
  await pipeline(source instanceof Readable ? source : Readable.from(source), sink);
  return { command: 'COPY', fields: [], rowCount: sink.rowCount, rows: [] };
};

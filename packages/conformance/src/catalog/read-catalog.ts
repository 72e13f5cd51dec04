import { LEDGER_TABLE, type SchemaSnapshot } from '@iprs/schema';
import pg from 'pg';
import { buildSnapshot } from './build-snapshot.js';
import { catalogQuery } from './catalog-query.js';
import type { RawCatalog } from './raw-catalog.js';

export interface ReadCatalogOptions {
  /** Defaults to `public`. */
  readonly schema?: string;
  /** Tables left out of the snapshot; defaults to the migration ledger, which the ledger check covers. */
  readonly ignoreTables?: readonly string[];
  /**
   * Set when `client` is inside a transaction the caller owns (e.g. the re-apply check): the read then runs in a
   * savepoint that it rolls back, instead of its own read-only transaction.
   */
  readonly insideTransaction?: boolean;
}

/**
 * Reads the whole schema in one round trip and returns its normalised snapshot. The query runs with search_path set
 * to the schema (so deparsed names in it are unqualified) inside a read-only transaction or a savepoint, and leaves
 * the session as it found it.
 */
export async function readCatalog(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<SchemaSnapshot> {
  const schema = options.schema ?? 'public';
  const [open, close, undo] = options.insideTransaction
    ? ['SAVEPOINT iprs_read_catalog', 'ROLLBACK TO SAVEPOINT iprs_read_catalog; RELEASE SAVEPOINT iprs_read_catalog', 'ROLLBACK TO SAVEPOINT iprs_read_catalog; RELEASE SAVEPOINT iprs_read_catalog']
    : ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', 'COMMIT', 'ROLLBACK'];
  const text = [
    open,
    `SET LOCAL search_path = ${pg.escapeIdentifier(schema)}`,
    catalogQuery(schema, options.ignoreTables ?? [LEDGER_TABLE]),
    close,
  ].join(';\n');
  let results: pg.QueryResult[];
  try {
    results = (await client.query(text)) as unknown as pg.QueryResult[];
  } catch (error) {
    await client.query(undo).catch(() => undefined);
    throw error;
  }
  const raw = results.find((result) => result.command === 'SELECT')?.rows[0]?.catalog as RawCatalog | undefined;
  if (!raw) throw new Error('the catalog query returned no document');
  return buildSnapshot(raw, schema);
}

import { LEDGER_TABLE, type SchemaSnapshot } from '@iprs/schema';
import pg from 'pg';
import { CatalogUnavailableError } from '../errors/catalog-unavailable-error.js';
import { UnknownSchemaError } from '../errors/unknown-schema-error.js';
import { isTimeout } from '../probes/database-error.js';
import { buildSnapshot } from './build-snapshot.js';
import { catalogQuery } from './catalog-query.js';
import type { RawCatalog } from './raw-catalog.js';
import { buildUnmodelledCatalog, type UnmodelledCatalog } from './unmodelled-catalog.js';

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
  /** How long to wait for a table's share lock (held off only by ACCESS EXCLUSIVE); default 1000 ms. */
  readonly lockTimeoutMs?: number;
  /** Default 30 000 ms. */
  readonly statementTimeoutMs?: number;
}

/**
 * Reads the whole schema in one round trip and returns its normalised snapshot. The query runs with search_path set
 * to the schema (so deparsed names in it are unqualified) inside a read-only transaction or a savepoint, and leaves
 * the session as it found it. Throws CatalogUnavailableError when a lock or statement timeout cut the read short, and
 * UnknownSchemaError when the schema does not exist (rather than reporting every object of the release missing).
 */
export async function readCatalog(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<SchemaSnapshot> {
  return (await readLiveCatalog(client, options)).snapshot;
}

export interface LiveCatalog {
  /** What the manifest models, comparable with it. */
  readonly snapshot: SchemaSnapshot;
  /** What can change behaviour beyond that model: rewrite rules, policies, inheritance, shadowing objects, … */
  readonly unmodelled: UnmodelledCatalog;
}

/** readCatalog, plus what the manifest does not model (in the same single round trip). */
export async function readLiveCatalog(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<LiveCatalog> {
  const schema = options.schema ?? 'public';
  const rollbackToSavepoint = 'ROLLBACK TO SAVEPOINT iprs_read_catalog; RELEASE SAVEPOINT iprs_read_catalog';
  const [open, close, undo] = options.insideTransaction
    ? ['SAVEPOINT iprs_read_catalog', rollbackToSavepoint, rollbackToSavepoint]
    : ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', 'COMMIT', 'ROLLBACK'];
  const text = [
    open,
    `SET LOCAL search_path = ${pg.escapeIdentifier(schema)}`,
    `SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(options.lockTimeoutMs ?? 1000))}`,
    `SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(options.statementTimeoutMs ?? 30_000))}`,
    catalogQuery(schema, options.ignoreTables ?? [LEDGER_TABLE]),
    close,
  ].join(';\n');
  let results: pg.QueryResult[];
  try {
    results = (await client.query(text)) as unknown as pg.QueryResult[];
  } catch (error) {
    await client.query(undo).catch(() => undefined);
    throw isTimeout(error) ? new CatalogUnavailableError(schema, { cause: error }) : error;
  }
  const raw = results.find((result) => result.command === 'SELECT')?.rows[0]?.catalog as RawCatalog | undefined;
  if (!raw) throw new Error('the catalog query returned no document');
  if (!raw.schemaExists) throw new UnknownSchemaError(schema, raw.database);
  return { snapshot: buildSnapshot(raw, schema), unmodelled: buildUnmodelledCatalog(raw) };
}

import pg from 'pg';
import { CatalogUnavailableError } from '../errors/catalog-unavailable-error.js';
import { UnknownSchemaError } from '../errors/unknown-schema-error.js';
import { LEDGER_TABLE } from '../ledger-table.js';
import type { SchemaSnapshot } from '../manifest/schema-snapshot.js';
import { buildSnapshot } from './build-snapshot.js';
import { catalogQuery } from './catalog-query.js';
import type { CatalogModel } from './catalog-model.js';
import type { RawCatalog } from './raw-catalog.js';
import { buildUnmodelledCatalog } from './unmodelled-catalog.js';

export interface ReadCatalogOptions {
  /** Defaults to `public`. */
  readonly schema?: string;
  /** Tables left out of the model; defaults to the migration ledger, which the ledger check covers. */
  readonly ignoreTables?: readonly string[];
  /** Read only these tables (the migration runner reads the tables a release creates or changes); default all. */
  readonly onlyTables?: readonly string[];
  /**
   * Set when `client` is inside a transaction the caller owns (the migration runner, the re-apply check): the read
   * then runs in a savepoint that it rolls back, instead of its own read-only transaction.
   */
  readonly insideTransaction?: boolean;
  /** How long to wait for a table's share lock (held off only by ACCESS EXCLUSIVE); default 1000 ms. */
  readonly lockTimeoutMs?: number;
  /** Default 30 000 ms. */
  readonly statementTimeoutMs?: number;
}

/** lock_not_available, query_canceled: a timeout cut the read short. */
const timeoutCodes = new Set(['55P03', '57014']);

/**
 * Reads the schema's catalog in one round trip and returns its model. The query runs with search_path set to the
 * schema (so deparsed names in it are unqualified) inside a read-only transaction or a savepoint, and leaves the
 * session as it found it. Throws CatalogUnavailableError when a lock or statement timeout cut the read short, and
 * UnknownSchemaError when the schema does not exist (rather than reporting every object of the release missing).
 */
export async function readCatalogModel(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<CatalogModel> {
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
    catalogQuery(schema, options.ignoreTables ?? [LEDGER_TABLE], options.onlyTables),
    close,
  ].join(';\n');
  let results: pg.QueryResult[];
  try {
    results = (await client.query(text)) as unknown as pg.QueryResult[];
  } catch (error) {
    await client.query(undo).catch(() => undefined);
    const code = (error as { code?: unknown } | null)?.code;
    const timedOut = typeof code === 'string' && timeoutCodes.has(code);
    throw timedOut ? new CatalogUnavailableError(schema, { cause: error }) : error;
  }
  const raw = results.find((result) => result.command === 'SELECT')?.rows[0]?.catalog as RawCatalog | undefined;
  if (!raw) throw new Error('the catalog query returned no document');
  if (!raw.schemaExists) throw new UnknownSchemaError(schema, raw.database);
  return {
    database: raw.database,
    schema,
    snapshot: buildSnapshot(raw, schema),
    unmodelled: buildUnmodelledCatalog(raw),
    otherRelations: raw.otherRelations,
  };
}

/** readCatalogModel's snapshot alone: what the manifests model. */
export async function readCatalog(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<SchemaSnapshot> {
  return (await readCatalogModel(client, options)).snapshot;
}

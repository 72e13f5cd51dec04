/**
 * The catalog could not be read within the time limits, typically because another session holds an ACCESS EXCLUSIVE
 * lock (ALTER TABLE, VACUUM FULL, …): PostgreSQL's pg_get_*def functions need a share lock on each table. Nothing
 * was verified; try again when the other session is done.
 */
export class CatalogUnavailableError extends Error {
  readonly schema: string;

  constructor(schema: string, options: ErrorOptions & { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `could not read the catalog of schema ${schema}: ${reason} (another session holds a lock on one of its tables; try again later)`,
      options,
    );
    this.name = 'CatalogUnavailableError';
    this.schema = schema;
  }
}

import pg from 'pg';

export interface PkLookups {
  /** Looks one position up by primary key; true when it exists. */
  lookup: (positionId: string) => Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Raw node-postgres: a pg.Pool of `poolSize` and the very SELECT the SDK sends (same columns, same predicate), unnamed
 * as most hand-written pg code sends it, or (`prepared`) as a named statement parsed once per connection, as the SDK
 * sends it.
 */
export async function openPgPoolLookups(
  databaseUrl: string,
  poolSize: number,
  columns: readonly string[],
  { prepared = false }: { prepared?: boolean } = {},
): Promise<PkLookups> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection the server ends (e.g. the database being dropped) must not crash the run; queries still fail.
  pool.on('error', () => undefined);
  const text = `SELECT ${columns.map((column) => pg.escapeIdentifier(column)).join(', ')} FROM position WHERE position_id = $1`;
  return {
    lookup: async (positionId) =>
      (
        await pool.query(
          prepared ? { name: 'bench_get_position', text, values: [positionId] } : { text, values: [positionId] },
        )
      ).rowCount === 1,
    close: () => pool.end(),
  };
}

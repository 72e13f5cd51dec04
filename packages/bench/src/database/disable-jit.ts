import pg from 'pg';
import { withClient } from '@iprs/schema/internal';

/**
 * JIT compilation (on by default since PostgreSQL 12) spends ~0.4 s compiling any query that reads ~1M rows, the same
 * for the SDK's queries and the hand-written ones: a constant that would squeeze every rollup ratio towards 1. It is
 * turned off for the bench database so the ratios measure the work itself; OLTP deployments usually turn it off too.
 */
export async function disableJit(databaseUrl: string): Promise<void> {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  await withClient(databaseUrl, (client) =>
    client.query(`ALTER DATABASE ${pg.escapeIdentifier(database)} SET jit = off`),
  );
}

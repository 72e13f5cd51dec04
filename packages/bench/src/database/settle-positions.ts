import { withClient } from '@iprs/schema/internal';

/**
 * What autovacuum would do soon after a bulk load: set the visibility map (index-only scans need it) and gather
 * statistics. Both rollup implementations then read the same, settled table.
 */
export async function settlePositions(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    await client.query('VACUUM (ANALYZE) position');
    const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM position');
    return Number(rows[0]?.count ?? 0);
  });
}

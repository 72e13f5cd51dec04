import { withClient } from '@iprs/schema/internal';
import { positionColumns, positionLines } from '../dataset/copy-lines.js';
import { copyRows } from '../dataset/copy-rows.js';
import type { PositionRow } from '../dataset/generate-positions.js';
import { elapsedMs } from '../harness/elapsed.js';

/**
 * The physical limit for loading positions from Node: one COPY FROM STDIN (text format, streamed through
 * pg-copy-streams) in one transaction, with every constraint, FK and index of the table in place.
 */
export async function copyPositions(
  databaseUrl: string,
  rows: Iterable<PositionRow>,
): Promise<{ rows: number; ms: number }> {
  return withClient(databaseUrl, async (client) => {
    let loaded = 0;
    const ms = await elapsedMs(async () => {
      await client.query('BEGIN');
      try {
        loaded = await copyRows(client, 'position', positionColumns, positionLines(rows));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    return { rows: loaded, ms };
  });
}

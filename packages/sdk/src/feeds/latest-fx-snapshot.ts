import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';

/**
 * The FX snapshot with the latest as-of date, whatever the date (same tie-break as fxSnapshotIdAsOf: most recently
 * written, then greatest id); NotFoundError when there is none. For "the FX in force on D" use fxSnapshotIdAsOf.
 */
export async function latestFxSnapshotId(connection: DatabaseConnection): Promise<string> {
  const id = await connection.maybeOneFirst(sql.type(z.object({ snapshot_id: z.string() }))`
    SELECT snapshot_id FROM fx_spot
    GROUP BY snapshot_id
    ORDER BY max(as_of_date) DESC, max(created_at) DESC, snapshot_id DESC
    LIMIT 1
  `);
  if (id === null)
    throw new NotFoundError('FX snapshot', 'latest', 'No FX snapshot exists yet: ingest an FX_SPOT feed first');
  return id;
}

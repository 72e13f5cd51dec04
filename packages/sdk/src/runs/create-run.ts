import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { runCreateInputSchema, runRowSchema, type RunCreateInput, type RunRow } from '../schemas/run.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Creates a run in status PENDING. An existing run_id is a ConflictError; a market_snapshot_id is kept as given
 * (release 001 has no table it must point at).
 */
export async function createRun(connection: DatabaseConnection, input: RunCreateInput): Promise<RunRow> {
  const run = parseInput(runCreateInputSchema, input, 'run');
  return connection.one(sql.type(runRowSchema)`
    INSERT INTO run (run_id, run_type, as_of_date, status, market_snapshot_id, config_json, created_by)
    VALUES (${run.run_id}, ${run.run_type}, ${run.as_of_date}, 'PENDING', ${run.market_snapshot_id ?? null},
            ${sql.jsonb(run.config_json)}, ${run.created_by ?? null})
    RETURNING ${columnList(runRowSchema)}
  `);
}

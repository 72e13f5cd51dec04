import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { runRowSchema, type RunRow } from '../schemas/run.js';
import { columnList } from '../sql/column-list.js';

/** The run with this id; NotFoundError when there is none. */
export async function getRun(connection: DatabaseConnection, runId: string): Promise<RunRow> {
  const row = await connection.maybeOne(sql.type(runRowSchema)`
    SELECT ${columnList(runRowSchema)} FROM run WHERE run_id = ${runId}
  `);
  if (row === null) throw new NotFoundError('run', runId);
  return row;
}

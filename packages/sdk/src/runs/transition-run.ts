import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { IllegalRunTransitionError } from '../errors/illegal-run-transition-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { runRowSchema, runStatusUpdateInputSchema, type RunRow, type RunStatusUpdateInput } from '../schemas/run.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';
import { isTerminalRunStatus, runTransitions } from './run-lifecycle.js';

const timestampOrNow = (timestamp: Date | undefined) => (timestamp ? sql.timestamp(timestamp) : sql.fragment`now()`);

/**
 * Moves a run along its lifecycle (see runTransitions), refusing any other move with IllegalRunTransitionError.
 * Reaching RUNNING stamps started_at; reaching COMPLETED or FAILED stamps completed_at. The row is locked while it
 * changes, so two callers cannot both move the same run, and results being recorded finish before it completes.
 */
export async function transitionRun(
  connection: DatabaseConnection,
  runId: string,
  update: RunStatusUpdateInput,
): Promise<RunRow> {
  const change = parseInput(runStatusUpdateInputSchema, update, 'run status change');
  return withTransaction(connection, async (transaction) => {
    const current = await transaction.maybeOne(
      sql.type(runRowSchema)`SELECT ${columnList(runRowSchema)} FROM run WHERE run_id = ${runId} FOR UPDATE`,
    );
    if (current === null) throw new NotFoundError('run', runId);
    const allowed = runTransitions[current.status];
    if (!allowed.includes(change.status)) {
      throw new IllegalRunTransitionError(runId, current.status, change.status, allowed);
    }
    return transaction.one(sql.type(runRowSchema)`
      UPDATE run SET
        status = ${change.status},
        started_at = ${change.status === 'RUNNING' ? timestampOrNow(change.started_at) : sql.fragment`started_at`},
        completed_at = ${isTerminalRunStatus(change.status) ? timestampOrNow(change.completed_at) : sql.fragment`NULL`}
      WHERE run_id = ${runId}
      RETURNING ${columnList(runRowSchema)}
    `);
  });
}

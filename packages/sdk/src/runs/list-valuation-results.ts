import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { valuationResultRowSchema, type ValuationResultRow } from '../schemas/valuation-result.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Every result of a run, ordered by instrument, measure and scenario; NotFoundError when the run does not exist (a run
 * without results gives an empty list).
 */
export async function listValuationResults(
  connection: DatabaseConnection,
  runId: string,
): Promise<readonly ValuationResultRow[]> {
  const id = parseInput(idInput, runId, 'run_id');
  const rows = await connection.any(sql.type(valuationResultRowSchema)`
    SELECT ${columnList(valuationResultRowSchema)} FROM valuation_result
    WHERE run_id = ${id}
    ORDER BY instrument_id, measure, scenario_id
  `);
  if (rows.length === 0) {
    const runExists = await connection.oneFirst(sql.type(z.object({ exists: z.boolean() }))`
      SELECT EXISTS (SELECT FROM run WHERE run_id = ${id}) AS exists
    `);
    if (!runExists) throw new NotFoundError('run', id);
  }
  return rows;
}

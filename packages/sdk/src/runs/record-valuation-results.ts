import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { InvalidReferenceError } from '../errors/invalid-reference-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { RunNotRunningError } from '../errors/run-not-running-error.js';
import { RUN_STATUSES } from '../schemas/enums.js';
import {
  valuationResultListInputSchema,
  valuationResultRowSchema,
  type ValuationResultInput,
  type ValuationResultRow,
} from '../schemas/valuation-result.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

const runStatusRow = z.object({ status: z.enum(RUN_STATUSES) });
const instrumentIdRow = z.object({ instrument_id: z.string() });

/**
 * Records results of a RUNNING run, all or none, values as exact decimals, and returns them in the order given. Every
 * input problem (a bad value, a missing or superfluous currency, the same instrument, measure and scenario twice) is a
 * ValidationError before any SQL runs; a missing run is a NotFoundError, a run not RUNNING a RunNotRunningError,
 * instruments that do not exist one InvalidReferenceError naming them all, and a result the run already has a
 * ConflictError. The run's row is share-locked meanwhile, so it cannot complete while results are being written.
 */
export async function recordValuationResults(
  connection: DatabaseConnection,
  runId: string,
  input: readonly ValuationResultInput[],
): Promise<readonly ValuationResultRow[]> {
  const id = parseInput(idInput, runId, 'run_id');
  const results = parseInput(valuationResultListInputSchema, input, 'valuation results');
  return withTransaction(connection, async (transaction) => {
    const run = await transaction.maybeOne(
      sql.type(runStatusRow)`SELECT status FROM run WHERE run_id = ${id} FOR SHARE`,
    );
    if (run === null) throw new NotFoundError('run', id);
    if (run.status !== 'RUNNING') throw new RunNotRunningError(id, run.status);

    const instrumentIds = [...new Set(results.map((result) => result.instrument_id))];
    const found = new Set(
      await transaction.anyFirst(sql.type(instrumentIdRow)`
        SELECT instrument_id FROM instrument WHERE instrument_id = ANY(${sql.array(instrumentIds, 'text')})
      `),
    );
    const missing = instrumentIds.filter((instrumentId) => !found.has(instrumentId));
    if (missing.length > 0) {
      throw new InvalidReferenceError(`valuation results name instruments that do not exist: ${missing.join(', ')}`, {
        constraint: 'valuation_result_instrument_id_fkey',
        table: 'valuation_result',
        columns: ['instrument_id'],
        detail: null,
      });
    }

    const textArray = (pick: (result: (typeof results)[number]) => string | null) =>
      sql.array(results.map(pick), 'text');
    const resultIds = textArray((result) => result.valuation_result_id);
    const resultInstrumentIds = textArray((result) => result.instrument_id);
    const measures = textArray((result) => result.measure);
    const scenarios = textArray((result) => result.scenario_id);
    const values = textArray((result) => result.value);
    const currencies = textArray((result) => result.currency ?? null);
    const metadata = textArray((result) => JSON.stringify(result.metadata_json));
    return transaction.any(sql.type(valuationResultRowSchema)`
      INSERT INTO valuation_result
        (valuation_result_id, run_id, instrument_id, measure, scenario_id, value, currency, metadata_json)
      SELECT valuation_result_id, ${id}, instrument_id, measure, scenario_id, value::numeric, currency,
             metadata_json::jsonb
      FROM unnest(
        ${resultIds}, ${resultInstrumentIds}, ${measures}, ${scenarios}, ${values}, ${currencies}, ${metadata}
      ) WITH ORDINALITY AS result
        (valuation_result_id, instrument_id, measure, scenario_id, value, currency, metadata_json, position)
      ORDER BY position
      RETURNING ${columnList(valuationResultRowSchema)}
    `);
  });
}

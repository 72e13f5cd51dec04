import { sql, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';

const instrumentTypeRow = z.object({ instrument_id: z.string(), instrument_type: z.string() });

/**
 * Of the given loan ids, those already taken by an instrument that is not a LOAN, with that instrument's type. A loan
 * row must not take such an id: the LOAN upsert leaves the instrument alone, so the position would silently hold it.
 */
export async function nonLoanInstruments(
  transaction: DatabaseTransactionConnection,
  loanIds: readonly string[],
): Promise<Map<string, string>> {
  if (loanIds.length === 0) return new Map();
  const rows = await transaction.any(sql.type(instrumentTypeRow)`
    SELECT instrument_id, instrument_type FROM instrument
    WHERE instrument_id = ANY(${sql.array([...new Set(loanIds)], 'text')}) AND instrument_type <> 'LOAN'
  `);
  return new Map(rows.map((row) => [row.instrument_id, row.instrument_type]));
}

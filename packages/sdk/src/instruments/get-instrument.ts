import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { instrumentRowSchema, type InstrumentRow } from '../schemas/instrument.js';
import { columnList } from '../sql/column-list.js';

/** The instrument with this id; NotFoundError when there is none. */
export async function getInstrument(connection: DatabaseConnection, instrumentId: string): Promise<InstrumentRow> {
  const row = await connection.maybeOne(sql.prepared('iprs_get_instrument', instrumentRowSchema)`
    SELECT ${columnList(instrumentRowSchema)} FROM instrument WHERE instrument_id = ${instrumentId}
  `);
  if (row === null) throw new NotFoundError('instrument', instrumentId);
  return row;
}

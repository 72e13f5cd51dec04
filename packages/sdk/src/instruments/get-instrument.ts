import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { instrumentRowSchema, type InstrumentRow } from '../schemas/instrument.js';
import { preparedRowLookup } from '../sql/prepared-row-lookup.js';

const instrumentById = preparedRowLookup('iprs_get_instrument', instrumentRowSchema, 'instrument', 'instrument_id');

/** The instrument with this id; NotFoundError when there is none. */
export async function getInstrument(connection: DatabaseConnection, instrumentId: string): Promise<InstrumentRow> {
  const row = await connection.maybeOne(instrumentById(instrumentId));
  if (row === null) throw new NotFoundError('instrument', instrumentId);
  return row;
}

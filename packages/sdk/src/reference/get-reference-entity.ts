import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { referenceDataRowSchema, type ReferenceDataRow } from '../schemas/reference-data.js';

/** The entity with this id; NotFoundError when there is none. */
export async function getReferenceEntity(connection: DatabaseConnection, entityId: string): Promise<ReferenceDataRow> {
  const row = await connection.maybeOne(
    sql.type(referenceDataRowSchema)`SELECT * FROM reference_data WHERE entity_id = ${entityId}`,
  );
  if (row === null) throw new NotFoundError('reference entity', entityId);
  return row;
}

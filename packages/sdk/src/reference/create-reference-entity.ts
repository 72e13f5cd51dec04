import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { ValidationError } from '../errors/validation-error.js';
import {
  referenceDataCreateInputSchema,
  referenceDataRowSchema,
  type ReferenceDataCreateInput,
  type ReferenceDataRow,
} from '../schemas/reference-data.js';
import { parseInput } from '../types/parse-input.js';
import { referenceIdentifierIssues } from './reference-identifier-issues.js';

/**
 * Creates an issuer, sector, geography or currency. Identifiers are checked before any SQL runs (ISIN/CUSIP check
 * digits, ISO 3166 geography, ISO 4217 currency); a missing parent fails with InvalidReferenceError.
 */
export async function createReferenceEntity(
  connection: DatabaseConnection,
  input: ReferenceDataCreateInput,
): Promise<ReferenceDataRow> {
  const entity = parseInput(referenceDataCreateInputSchema, input, 'reference entity');
  const issues = referenceIdentifierIssues(entity);
  if (issues.length > 0) throw new ValidationError(issues, `reference entity ${entity.entity_id}`);
  return connection.one(sql.type(referenceDataRowSchema)`
    INSERT INTO reference_data
      (entity_id, entity_type, name, ticker, cusip, isin, sector, geography, currency, parent_entity_id, metadata_json)
    VALUES (
      ${entity.entity_id}, ${entity.entity_type}, ${entity.name}, ${entity.ticker ?? null}, ${entity.cusip ?? null},
      ${entity.isin ?? null}, ${entity.sector ?? null}, ${entity.geography ?? null}, ${entity.currency ?? null},
      ${entity.parent_entity_id ?? null}, ${sql.jsonb(entity.metadata_json)}
    )
    RETURNING *
  `);
}

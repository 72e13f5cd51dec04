import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { ValidationError } from '../errors/validation-error.js';
import { referenceIdentifierIssues } from '../reference/reference-identifier-issues.js';
import {
  instrumentCreateInputSchema,
  instrumentRowSchema,
  type InstrumentCreateInput,
  type InstrumentRow,
} from '../schemas/instrument.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Creates an instrument. Its identifiers are checked before any SQL runs, as for reference data: ISIN and CUSIP check
 * digits, a US/CA ISIN that must embed the given CUSIP, an ISO 4217 currency. An existing instrument_id is a
 * ConflictError; an issuer_entity_id is kept as given (release 001 has no issuer table to point at).
 */
export async function createInstrument(
  connection: DatabaseConnection,
  input: InstrumentCreateInput,
): Promise<InstrumentRow> {
  const instrument = parseInput(instrumentCreateInputSchema, input, 'instrument');
  const issues = referenceIdentifierIssues(instrument);
  if (issues.length > 0) throw new ValidationError(issues, `instrument ${instrument.instrument_id}`);
  return connection.one(sql.type(instrumentRowSchema)`
    INSERT INTO instrument
      (instrument_id, instrument_type, name, currency, isin, cusip, issuer_entity_id, maturity_date, terms_json)
    VALUES (
      ${instrument.instrument_id}, ${instrument.instrument_type}, ${instrument.name}, ${instrument.currency},
      ${instrument.isin ?? null}, ${instrument.cusip ?? null}, ${instrument.issuer_entity_id ?? null},
      ${instrument.maturity_date ?? null}, ${sql.jsonb(instrument.terms_json)}
    )
    RETURNING ${columnList(instrumentRowSchema)}
  `);
}

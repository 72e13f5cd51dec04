import { InvalidInputError } from 'slonik';
import { ConflictError, type ConstraintDetails } from './conflict-error.js';
import { constraintHints } from './constraint-hints.js';
import { ConstraintViolationError } from './constraint-violation-error.js';
import { InUseError } from './in-use-error.js';
import { InvalidReferenceError } from './invalid-reference-error.js';
import { IprsError } from './iprs-error.js';
import { NotFoundError } from './not-found-error.js';
import { translateConnectionFailure } from './translate-connection-failure.js';
import { ValidationError } from './validation-error.js';
import { postgresFieldsOf, type PostgresErrorFields } from './postgres-fields-of.js';

// Class 22 (data exception) codes a caller causes with a bad value.
const DATA_EXCEPTION_CODES = new Set(['22P02', '22003', '22007', '22008', '22023', '22001', '22021']);

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const columnsFromDetail = (detail: string | null, column: string | null): string[] => {
  if (column) return [column];
  const match = detail?.match(/\(([^)]+)\)=\(/u);
  return match?.[1] ? match[1].split(',').map((name) => name.trim()) : [];
};

const detailsOf = (fields: PostgresErrorFields): ConstraintDetails => {
  const detail = stringOrNull(fields.detail);
  return {
    constraint: stringOrNull(fields.constraint),
    table: stringOrNull(fields.table),
    columns: columnsFromDetail(detail, stringOrNull(fields.column)),
    detail,
  };
};

const suffix = (details: ConstraintDetails): string =>
  [details.detail, details.constraint ? `(constraint ${details.constraint})` : null].filter(Boolean).join(' ');

/**
 * Maps a PostgreSQL / Slonik / socket error to the SDK's typed errors by SQLSTATE, constraint name and Slonik error
 * class. Errors it does not recognise (and errors that already are SDK errors) are returned unchanged, so callers can
 * always `throw translate(e)`.
 */
export const translateDatabaseError = (error: unknown): unknown => {
  if (error instanceof IprsError) return error;
  // Slonik rethrows 22P02 (invalid text representation) as InvalidInputError without the SQLSTATE.
  if (error instanceof InvalidInputError && /invalid input (syntax|value)/u.test(error.message)) {
    return new ValidationError([{ field: '', message: error.message }], undefined, { cause: error });
  }
  const fields = postgresFieldsOf(error);
  const code = typeof fields.code === 'string' ? fields.code : null;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const connectionFailure = translateConnectionFailure(error, { ...fields, code, message });
  if (connectionFailure) return connectionFailure;
  if (code === null) return error;
  const details = detailsOf(fields);

  switch (code) {
    case '23505':
      return new ConflictError(
        `A ${details.table ?? 'row'} with the same ${details.columns.join(', ') || 'key'} already exists. ${suffix(details)}`,
        details,
        { cause: error },
      );
    case '23001':
    case '23503':
      // ON DELETE RESTRICT raises 23001 (restrict_violation) on PostgreSQL 18 and 23503 before; 23503 also covers both
      // directions of NO ACTION, where the message says which ("update or delete on ..." = the row is still used).
      if (code === '23001' || message.startsWith('update or delete')) {
        return new InUseError(
          `Cannot delete or re-key this row: ${details.table ?? 'another table'} still references it. ${suffix(details)}`,
          details,
          { cause: error },
        );
      }
      return new InvalidReferenceError(
        `${details.table ?? 'The row'} refers to a row that does not exist. ${suffix(details)}`,
        details,
        { cause: error },
      );
    case '23514': {
      const hint = details.constraint ? constraintHints[details.constraint] : undefined;
      return new ConstraintViolationError(
        `${details.table ?? 'Row'} rejected: ${hint ?? message}${details.constraint ? ` (constraint ${details.constraint})` : ''}`,
        details,
        { cause: error },
      );
    }
    case '23502':
      return new ConstraintViolationError(
        `${details.table ?? 'Row'} rejected: ${details.columns[0] ?? 'a column'} must not be null`,
        { ...details, constraint: details.constraint ?? 'not_null' },
        { cause: error },
      );
    case '23P01':
      return new ConflictError(`Row overlaps an existing one. ${suffix(details)}`, details, { cause: error });
    case '21000':
      // cardinality_violation: INSERT … ON CONFLICT DO UPDATE proposed the same key twice (it would change a row a second
      // time), or a scalar subquery returned several rows.
      return new ConflictError(
        `Statement refused (cardinality violation): ${message}. A statement that upserts must name each key at most once.`,
        details,
        { cause: error },
      );
    case 'P0002':
      return new NotFoundError(details.table ?? 'row', details.detail ?? '', message, { cause: error });
    default:
      break;
  }
  if (DATA_EXCEPTION_CODES.has(code)) {
    return new ValidationError([{ field: details.columns[0] ?? '', message }], undefined, { cause: error });
  }
  return error;
};

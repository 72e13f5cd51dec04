import {
  DataIntegrityError as SlonikDataIntegrityError,
  InvalidInputError,
  NotFoundError as SlonikNotFoundError,
  SlonikError,
} from 'slonik';
import { ConflictError } from './conflict-error.js';
import type { ConstraintDetails } from './constraint-error.js';
import { constraintHints } from './constraint-hints.js';
import { ConstraintViolationError } from './constraint-violation-error.js';
import { DatabaseError } from './database-error.js';
import { InUseError } from './in-use-error.js';
import { InsufficientResourcesError } from './insufficient-resources-error.js';
import { InternalDatabaseError } from './internal-database-error.js';
import { InvalidReferenceError } from './invalid-reference-error.js';
import { InvalidStatementError } from './invalid-statement-error.js';
import { IprsError, type IprsErrorOptions } from './iprs-error.js';
import { LimitExceededError } from './limit-exceeded-error.js';
import { LockTimeoutError } from './lock-timeout-error.js';
import { NotFoundError } from './not-found-error.js';
import { ObjectStateError } from './object-state-error.js';
import { PermissionDeniedError } from './permission-denied-error.js';
import { postgresFieldsOf, type PostgresErrorFields } from './postgres-fields-of.js';
import { ResultShapeError } from './result-shape-error.js';
import { StatementCancelledError } from './statement-cancelled-error.js';
import { StatementTimeoutError } from './statement-timeout-error.js';
import { TransactionRollbackError } from './transaction-rollback-error.js';
import { TransactionStateError } from './transaction-state-error.js';
import { translateConnectionFailure } from './translate-connection-failure.js';
import { ValidationError } from './validation-error.js';

const SQLSTATE = /^[0-9A-Z]{5}$/u;

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

/** The message of the innermost error: pg's own words rather than Slonik's summary ("Backend has been terminated."). */
const reasonOf = (error: unknown, fields: PostgresErrorFields): string => {
  if (typeof fields.message === 'string' && fields.message !== '' && fields !== error) return fields.message;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
};

/** Integrity constraint violations (class 23) and cardinality (21000), by SQLSTATE and constraint name. */
const integrityError = (
  code: string,
  message: string,
  details: ConstraintDetails,
  options: IprsErrorOptions,
): IprsError => {
  switch (code) {
    case '23505':
      return new ConflictError(
        `A ${details.table ?? 'row'} with the same ${details.columns.join(', ') || 'key'} already exists. ${suffix(details)}`,
        details,
        options,
      );
    case '23001':
    case '23503':
      // ON DELETE RESTRICT raises 23001 (restrict_violation) on PostgreSQL 18 and 23503 before; 23503 also covers both
      // directions of NO ACTION, where the message says which ("update or delete on ..." = the row is still used).
      if (code === '23001' || message.startsWith('update or delete')) {
        return new InUseError(
          `Cannot delete or re-key this row: ${details.table ?? 'another table'} still references it. ${suffix(details)}`,
          details,
          options,
        );
      }
      return new InvalidReferenceError(
        `${details.table ?? 'The row'} refers to a row that does not exist. ${suffix(details)}`,
        details,
        options,
      );
    case '23502':
      return new ConstraintViolationError(
        `${details.table ?? 'Row'} rejected: ${details.columns[0] ?? 'a column'} must not be null`,
        { ...details, constraint: details.constraint ?? 'not_null' },
        options,
      );
    case '23P01':
      return new ConflictError(`Row overlaps an existing one. ${suffix(details)}`, details, options);
    case '21000':
      // cardinality_violation: INSERT … ON CONFLICT DO UPDATE proposed the same key twice (it would change a row a second
      // time), or a scalar subquery returned several rows.
      return new ConflictError(
        `Statement refused (cardinality violation): ${message}. A statement that upserts must name each key at most once.`,
        details,
        options,
      );
    default: {
      // 23514 (CHECK) and the rest of class 23.
      const hint = details.constraint ? constraintHints[details.constraint] : undefined;
      return new ConstraintViolationError(
        `${details.table ?? 'Row'} rejected: ${hint ?? message}${details.constraint ? ` (constraint ${details.constraint})` : ''}`,
        details,
        options,
      );
    }
  }
};

/** Every other SQLSTATE, by class (its first two characters). */
const errorOfClass = (
  code: string,
  message: string,
  details: ConstraintDetails,
  options: IprsErrorOptions,
): IprsError => {
  const described = `${message} (SQLSTATE ${code})`;
  switch (code.slice(0, 2)) {
    case '22':
      return new ValidationError([{ field: details.columns[0] ?? '', message }], undefined, options);
    case '25':
    case '2D':
    case '3B':
      return new TransactionStateError(described, options);
    case '40':
      return new TransactionRollbackError(
        `${described}: the transaction was rolled back because of a concurrent one; retry it`,
        options,
      );
    case '42':
      return code === '42501'
        ? new PermissionDeniedError(described, options)
        : new InvalidStatementError(described, options);
    case '0A':
    case '24':
    case '26':
    case '34':
    case '3F':
      return new InvalidStatementError(described, options);
    case '53':
      return new InsufficientResourcesError(described, options);
    case '54':
      return new LimitExceededError(described, options);
    case '55':
      return code === '55P03'
        ? new LockTimeoutError(
            `${described}: another session held a lock this statement needed for longer than lock_timeout ` +
              '(lockTimeoutMs); nothing was written',
            options,
          )
        : new ObjectStateError(described, options);
    case '57':
      return /statement timeout/u.test(message)
        ? new StatementTimeoutError(
            `${described}: the statement ran longer than statement_timeout (statementTimeoutMs); nothing was written`,
            options,
          )
        : new StatementCancelledError(described, options);
    case '58':
    case 'XX':
      return new InternalDatabaseError(described, options);
    case 'P0':
      if (code === 'P0002') return new NotFoundError(details.table ?? 'row', details.detail ?? '', message, options);
      if (code === 'P0003') return new ResultShapeError(described, options);
      return new DatabaseError(described, options);
    default:
      return new DatabaseError(described, options);
  }
};

/** Slonik's own errors that carry no SQLSTATE. */
const slonikError = (error: SlonikError): IprsError => {
  const options = { cause: error };
  if (error instanceof SlonikNotFoundError) {
    return new NotFoundError('row', '', `The query returned no rows where one was expected: ${error.message}`, options);
  }
  // oneFirst/manyFirst report several columns as UnexpectedStateError.
  if (error instanceof SlonikDataIntegrityError || error.message.startsWith('Expected query to return')) {
    return new ResultShapeError(error.message, options);
  }
  // Slonik rethrows 22P02 (invalid text representation) as InvalidInputError without the SQLSTATE.
  if (error instanceof InvalidInputError) {
    return /invalid input (syntax|value)/u.test(error.message)
      ? new ValidationError([{ field: '', message: error.message }], undefined, options)
      : new InvalidStatementError(error.message, options);
  }
  return new DatabaseError(error.message, options);
};

/**
 * Maps a PostgreSQL / Slonik / socket error to the SDK's typed errors: by SQLSTATE (and constraint name) for PostgreSQL
 * errors, every class of which becomes an IprsError subclass; by class for Slonik's own errors; connection failures
 * become ConnectionError/ConnectionLostError naming `address`. SDK errors and errors from elsewhere (a routine's own
 * `throw`) are returned unchanged, so callers can always `throw translateDatabaseError(e)`.
 */
export const translateDatabaseError = (error: unknown, address = 'the server'): unknown => {
  if (IprsError.isInstance(error)) return error;
  const fields = postgresFieldsOf(error);
  const rawCode = typeof fields.code === 'string' ? fields.code : null;
  const message = reasonOf(error, fields);
  const connectionFailure = translateConnectionFailure(
    error,
    { code: rawCode, message, severity: fields.severity },
    address,
  );
  if (connectionFailure) return connectionFailure;
  // pg's errors from the server carry a severity; other errors with a five-character code (EPERM) are not SQLSTATEs.
  const code = rawCode !== null && SQLSTATE.test(rawCode) && typeof fields.severity === 'string' ? rawCode : null;
  if (code === null) return error instanceof SlonikError ? slonikError(error) : error;
  const details = detailsOf(fields);
  const options = { cause: error, code };
  if (code.startsWith('23') || code === '21000') return integrityError(code, message, details, options);
  return errorOfClass(code, message, details, options);
};

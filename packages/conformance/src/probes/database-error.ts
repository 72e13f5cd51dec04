/** The fields node-postgres copies from a PostgreSQL ErrorResponse. */
export interface DatabaseErrorFields {
  readonly message: string;
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
}

export function databaseError(error: unknown): DatabaseErrorFields | null {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
    ? (error as DatabaseErrorFields)
    : null;
}

/** lock_not_available (lock_timeout) and query_canceled (statement_timeout): the database was busy, not wrong. */
export function isTimeout(error: unknown): boolean {
  const code = databaseError(error)?.code;
  return code === '55P03' || code === '57014';
}

/** `SQLSTATE 23514 (constraint x)`: how a rejection is shown in findings. */
export function describeRejection(error: unknown): string {
  const fields = databaseError(error);
  if (!fields) return error instanceof Error ? error.message : String(error);
  return `${fields.message} (SQLSTATE ${fields.code}${fields.constraint ? `, constraint ${fields.constraint}` : ''})`;
}

/**
 * Lets only the database's verdict on the probed statement through: a timeout, a read-only database, a role without
 * write privileges, a lost connection or a probe that could not be set up is rethrown for the runner, which reports the
 * probe as not run.
 */
export function rethrowUnlessRejection(error: unknown): void {
  const fields = databaseError(error);
  const cannotRun = fields?.code === '25006' || fields?.code === '42501' || fields?.code?.startsWith('08') === true;
  if (!fields || isTimeout(error) || cannotRun) throw error;
}

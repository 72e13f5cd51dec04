import { DatabaseError } from './database-error.js';

/**
 * The server cancelled a running statement (SQLSTATE 57014): pg_cancel_backend, or a timeout (StatementTimeoutError).
 */
export class StatementCancelledError extends DatabaseError {
  public static override readonly errorName: string = 'StatementCancelledError';
}

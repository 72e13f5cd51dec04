import { DatabaseError } from './database-error.js';

/**
 * PostgreSQL reported an internal or system error (SQLSTATE classes XX and 58: internal error, corrupted data or index,
 * I/O error). Check the server log.
 */
export class InternalDatabaseError extends DatabaseError {
  public static override readonly errorName: string = 'InternalDatabaseError';
}

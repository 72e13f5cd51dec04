import { DatabaseError } from './database-error.js';

/**
 * A lock the statement needed stayed held by another session longer than lock_timeout (`lockTimeoutMs`), or NOWAIT
 * found it taken (SQLSTATE 55P03); nothing was written.
 */
export class LockTimeoutError extends DatabaseError {
  public static override readonly errorName: string = 'LockTimeoutError';
}

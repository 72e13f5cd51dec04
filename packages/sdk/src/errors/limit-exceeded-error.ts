import { DatabaseError } from './database-error.js';

/**
 * The statement exceeds a fixed limit of PostgreSQL (SQLSTATE class 54: array or row size, number of arguments or
 * columns, nesting depth). Retrying the same statement fails again.
 */
export class LimitExceededError extends DatabaseError {
  public static override readonly errorName: string = 'LimitExceededError';
}

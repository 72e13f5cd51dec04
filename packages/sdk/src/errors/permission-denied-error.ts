import { DatabaseError } from './database-error.js';

/** The database role lacks a privilege the statement needs (SQLSTATE 42501). */
export class PermissionDeniedError extends DatabaseError {
  public static override readonly errorName: string = 'PermissionDeniedError';
}

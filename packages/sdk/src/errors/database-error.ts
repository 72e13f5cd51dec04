import { IprsError } from './iprs-error.js';

/**
 * PostgreSQL (or Slonik) refused a statement for a reason no more specific SDK error describes; `code` holds the
 * SQLSTATE when there is one. The more specific database errors (timeouts, permissions, …) extend it.
 */
export class DatabaseError extends IprsError {
  public static override readonly errorName: string = 'DatabaseError';
}

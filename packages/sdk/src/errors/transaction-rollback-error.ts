import { DatabaseError } from './database-error.js';

/**
 * PostgreSQL rolled the transaction back because of a concurrent one (SQLSTATE class 40: serialization failure,
 * deadlock). Retrying the whole transaction is safe; withTransaction already did so up to 5 times.
 */
export class TransactionRollbackError extends DatabaseError {
  public static override readonly errorName: string = 'TransactionRollbackError';
}

import { DatabaseError } from './database-error.js';

/**
 * The statement is not allowed in the transaction state it ran in (SQLSTATE classes 25, 2D, 3B), e.g. 25P02: an earlier
 * statement of the transaction failed, so every later one is refused until ROLLBACK.
 */
export class TransactionStateError extends DatabaseError {
  public static override readonly errorName: string = 'TransactionStateError';
}

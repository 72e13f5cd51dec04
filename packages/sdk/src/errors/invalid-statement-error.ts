import { DatabaseError } from './database-error.js';

/**
 * PostgreSQL cannot run the statement as written: a syntax error, or a table, column, function or schema that does not
 * exist (SQLSTATE classes 42, 3F, 0A, 24, 26, 34). The SQL and the schema disagree.
 */
export class InvalidStatementError extends DatabaseError {
  public static override readonly errorName: string = 'InvalidStatementError';
}

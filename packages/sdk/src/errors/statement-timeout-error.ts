import { StatementCancelledError } from './statement-cancelled-error.js';

/**
 * The statement ran longer than statement_timeout (`statementTimeoutMs`) and was cancelled; nothing it wrote is kept.
 */
export class StatementTimeoutError extends StatementCancelledError {
  public static override readonly errorName: string = 'StatementTimeoutError';
}

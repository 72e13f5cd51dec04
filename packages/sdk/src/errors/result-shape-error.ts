import { DatabaseError } from './database-error.js';

/**
 * A query returned a different number of rows or columns than the call expects (several rows for `one`/`maybeOne`,
 * several columns for `oneFirst`, …).
 */
export class ResultShapeError extends DatabaseError {
  public static override readonly errorName: string = 'ResultShapeError';
}

import { DatabaseError } from './database-error.js';

/**
 * An object is not in the state the statement needs (SQLSTATE class 55 other than 55P03), e.g. currval() before
 * nextval() in this session.
 */
export class ObjectStateError extends DatabaseError {
  public static override readonly errorName: string = 'ObjectStateError';
}

import { ConstraintError } from './constraint-error.js';

/** A write collides with existing data: a unique key is taken, or a row is still referenced and cannot change. */
export class ConflictError extends ConstraintError {
  public static override readonly errorName: string = 'ConflictError';
}

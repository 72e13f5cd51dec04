import { ConstraintError } from './constraint-error.js';

/** A write names a row that does not exist (foreign key violation on insert/update). */
export class InvalidReferenceError extends ConstraintError {
  public static override readonly errorName: string = 'InvalidReferenceError';
}

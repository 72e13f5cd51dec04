import { ConstraintError } from './constraint-error.js';

/** The database refused a value: a CHECK constraint or NOT NULL failed. */
export class ConstraintViolationError extends ConstraintError {
  public static override readonly errorName: string = 'ConstraintViolationError';
}

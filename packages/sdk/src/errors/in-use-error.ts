import { ConflictError } from './conflict-error.js';

/** A row cannot be deleted (or its key changed) because other rows still reference it (ON DELETE RESTRICT). */
export class InUseError extends ConflictError {
  public static override readonly errorName: string = 'InUseError';
}

import type { ConstraintDetails } from './conflict-error.js';
import { IprsError, type IprsErrorOptions } from './iprs-error.js';

/** The database refused a value: a CHECK constraint or NOT NULL failed. */
export class ConstraintViolationError extends IprsError implements ConstraintDetails {
  public readonly constraint: string | null;
  public readonly table: string | null;
  public readonly columns: readonly string[];
  public readonly detail: string | null;

  public constructor(message: string, details: ConstraintDetails, options?: IprsErrorOptions) {
    super(message, options);
    this.constraint = details.constraint;
    this.table = details.table;
    this.columns = details.columns;
    this.detail = details.detail;
  }
}

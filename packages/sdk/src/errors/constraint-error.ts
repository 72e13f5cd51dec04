import { IprsError, type IprsErrorOptions } from './iprs-error.js';

export interface ConstraintDetails {
  /** PostgreSQL constraint name, e.g. `portfolio_snapshot_portfolio_node_id_payload_hash_key`. */
  readonly constraint: string | null;
  readonly table: string | null;
  readonly columns: readonly string[];
  /** PostgreSQL's DETAIL line, e.g. `Key (pair, snapshot_id)=(EUR/USD, s1) already exists.` */
  readonly detail: string | null;
}

/**
 * A write the database refused because of a constraint: ConflictError (unique key, row still referenced),
 * InvalidReferenceError (foreign key) or ConstraintViolationError (CHECK, NOT NULL). `ConstraintError.isInstance(e)`
 * catches all three.
 */
export abstract class ConstraintError extends IprsError implements ConstraintDetails {
  public static override readonly errorName: string = 'ConstraintError';
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

/** One way a table left by a migration differs from its release's manifest. */
export interface ShapeDifference {
  readonly table: string;
  readonly objectType:
    | 'table'
    | 'column'
    | 'primary key'
    | 'unique key'
    | 'foreign key'
    | 'check constraint'
    | 'exclusion constraint'
    | 'index';
  /** The object's name, e.g. `position.quantity` for a column, `position_pkey` for a key. */
  readonly object: string;
  /** What is wrong, e.g. `has type integer, expected numeric(28,10)`. */
  readonly problem: string;
}

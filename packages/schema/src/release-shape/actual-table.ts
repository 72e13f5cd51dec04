/** What the catalog says about one relation named like a release table (see readTableShapes). */
export interface ActualTable {
  readonly name: string;
  /** pg_class.relkind: 'r' table, 'p' partitioned table, 'v' view, … */
  readonly kind: string;
  readonly columns: readonly ActualColumn[];
  readonly constraints: readonly ActualConstraint[];
  /** Indexes that do not back a primary key, unique or exclusion constraint. */
  readonly indexes: readonly ActualIndex[];
}

export interface ActualColumn {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly identity: 'always' | 'by default' | null;
  readonly generated: 'stored' | 'virtual' | null;
}

export interface ActualConstraint {
  readonly name: string;
  /** pg_constraint.contype: p, u, f, c, x. */
  readonly type: string;
  readonly definition: string;
}

export interface ActualIndex {
  readonly name: string;
  /** pg_get_indexdef() without the schema qualifier, as in the manifest. */
  readonly definition: string;
}

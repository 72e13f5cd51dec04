/**
 * The shape of one PostgreSQL schema as the catalog describes it, normalised so that equal shapes compare equal on
 * PostgreSQL 15–18. It is both what a release is expected to look like (the manifest) and what `@iprs/conformance`
 * reads from a live database, so the two can be compared property by property.
 *
 * Expressions and definitions are PostgreSQL's own deparsed text (pg_get_expr, pg_get_constraintdef,
 * pg_get_indexdef, pg_get_triggerdef, pg_get_functiondef) read with the verified schema as the search_path, so names
 * in that schema appear unqualified. Lists are sorted by name, columns by position.
 */
export interface SchemaSnapshot {
  readonly tables: readonly TableSnapshot[];
  /** Functions and procedures defined in the schema (not aggregates, not those installed by extensions). */
  readonly functions: readonly FunctionSnapshot[];
}

export interface TableSnapshot {
  readonly name: string;
  /** COMMENT ON TABLE, when there is one. Documentation only: verification ignores it. */
  readonly comment?: string;
  readonly partitioned: boolean;
  readonly unlogged: boolean;
  readonly rowLevelSecurity: boolean;
  readonly columns: readonly ColumnSnapshot[];
  readonly primaryKey: KeyConstraintSnapshot | null;
  readonly uniqueKeys: readonly KeyConstraintSnapshot[];
  readonly foreignKeys: readonly ForeignKeySnapshot[];
  readonly checks: readonly CheckConstraintSnapshot[];
  readonly exclusionConstraints: readonly ExclusionConstraintSnapshot[];
  /** Indexes that do not back a primary key, unique or exclusion constraint (those are described by the constraint). */
  readonly indexes: readonly IndexSnapshot[];
  /** User triggers; the internal triggers that implement foreign keys are left out. */
  readonly triggers: readonly TriggerSnapshot[];
}

export interface ColumnSnapshot {
  readonly name: string;
  /** format_type() of the column, e.g. `text`, `timestamp with time zone`, `numeric(18,6)`, `text[]`. */
  readonly type: string;
  readonly notNull: boolean;
  /** The default expression, or for a generated column its generation expression; null when there is none. */
  readonly default: string | null;
  readonly identity: 'always' | 'by default' | null;
  readonly generated: 'stored' | 'virtual' | null;
  /** The column's collation when it differs from its type's default; null otherwise. */
  readonly collation: string | null;
  /** COMMENT ON COLUMN, when there is one. Documentation only: verification ignores it. */
  readonly comment?: string;
}

interface ConstraintFlags {
  readonly name: string;
  /** pg_get_constraintdef(), e.g. `FOREIGN KEY (run_id) REFERENCES run(run_id) ON DELETE CASCADE`. */
  readonly definition: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /** false for a constraint added NOT VALID and never validated: existing rows were not checked. */
  readonly validated: boolean;
  /** false for NOT ENFORCED (PostgreSQL 18+); always true before 18. */
  readonly enforced: boolean;
}

export interface KeyConstraintSnapshot extends ConstraintFlags {
  readonly columns: readonly string[];
}

export type ForeignKeyAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKeySnapshot extends ConstraintFlags {
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** Schema of the referenced table when it is not the verified schema; null when it is. */
  readonly referencedSchema: string | null;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly match: 'SIMPLE' | 'FULL' | 'PARTIAL';
}

export interface CheckConstraintSnapshot extends ConstraintFlags {
  /** The columns the expression reads, sorted. */
  readonly columns: readonly string[];
  /** The normalised expression, e.g. `(spot_rate > (0)::numeric)`. */
  readonly expression: string;
  readonly noInherit: boolean;
  /** Set when the check is an enumeration `col IN (...)` (optionally `col IS NULL OR col IN (...)`). */
  readonly allowedValues: AllowedValues | null;
}

export interface AllowedValues {
  readonly column: string;
  /** In the order the constraint lists them. */
  readonly values: readonly string[];
  /** The check also admits NULL explicitly (`col IS NULL OR col IN (...)`). */
  readonly allowsNull: boolean;
}

export interface ExclusionConstraintSnapshot extends KeyConstraintSnapshot {}

export interface IndexKeySnapshot {
  /** The column name, or the expression for an expression key. */
  readonly expression: string;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  /** The operator class when it is not the default for the key's type; null otherwise. */
  readonly operatorClass: string | null;
}

export interface IndexSnapshot {
  readonly name: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  /** Access method: btree, hash, gin, gist, brin, … */
  readonly method: string;
  readonly keys: readonly IndexKeySnapshot[];
  /** INCLUDE columns, in order. */
  readonly include: readonly string[];
  /** The partial-index predicate, or null for a full index. */
  readonly predicate: string | null;
  /** false for an index a failed CREATE INDEX CONCURRENTLY left behind: the planner does not use it. */
  readonly valid: boolean;
  /** pg_get_indexdef() without the schema qualifier, e.g. `CREATE INDEX run_as_of_date_idx ON run USING btree (as_of_date DESC)`. */
  readonly definition: string;
}

export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';

export interface TriggerSnapshot {
  readonly name: string;
  readonly timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  readonly events: readonly TriggerEvent[];
  readonly level: 'ROW' | 'STATEMENT';
  /** The trigger function, unqualified when it lives in the verified schema. */
  readonly function: string;
  /** `origin` is the normal state; `disabled` after ALTER TABLE … DISABLE TRIGGER. */
  readonly enabled: 'origin' | 'always' | 'replica' | 'disabled';
  /** pg_get_triggerdef(), e.g. `CREATE TRIGGER run_set_updated_at BEFORE UPDATE ON run FOR EACH ROW EXECUTE FUNCTION set_updated_at()`. */
  readonly definition: string;
}

export interface FunctionSnapshot {
  /** `name(identity arguments)`, e.g. `set_updated_at()`: overloads are distinct functions. */
  readonly signature: string;
  readonly name: string;
  readonly kind: 'function' | 'procedure';
  readonly resultType: string | null;
  readonly language: string;
  readonly volatility: 'immutable' | 'stable' | 'volatile';
  readonly securityDefiner: boolean;
  /** pg_get_functiondef() without the schema qualifier: a CREATE OR REPLACE statement that restores the function. */
  readonly definition: string;
}

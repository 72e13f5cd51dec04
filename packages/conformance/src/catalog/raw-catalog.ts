/** The JSON document catalogQuery returns, before normalisation. Relation references are table oids. */
export interface RawCatalog {
  readonly database: string;
  readonly schemaExists: boolean;
  readonly tables: readonly RawTable[];
  readonly columns: readonly RawColumn[];
  readonly constraints: readonly RawConstraint[];
  readonly indexes: readonly RawIndex[];
  readonly triggers: readonly RawTrigger[];
  readonly functions: readonly RawFunction[];
}

export interface RawTable {
  readonly oid: number;
  readonly name: string;
  readonly partitioned: boolean;
  readonly unlogged: boolean;
  readonly rowLevelSecurity: boolean;
  readonly comment: string | null;
}

export interface RawColumn {
  readonly table: number;
  readonly name: string;
  readonly position: number;
  readonly type: string;
  readonly notNull: boolean;
  /** False for a NOT NULL constraint added NOT VALID (PostgreSQL 18+): attnotnull is true, yet rows may hold NULL. */
  readonly notNullValidated: boolean;
  readonly default: string | null;
  /** pg_attribute.attidentity: '' | 'a' | 'd' */
  readonly identity: string;
  /** pg_attribute.attgenerated: '' | 's' | 'v' */
  readonly generated: string;
  readonly collation: string | null;
  readonly comment: string | null;
}

export interface RawConstraint {
  readonly table: number;
  readonly name: string;
  /** p, u, f, c or x */
  readonly type: string;
  readonly definition: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly validated: boolean;
  readonly enforced: boolean;
  readonly noInherit: boolean;
  readonly expression: string | null;
  readonly columns: readonly string[] | null;
  readonly referencedTable: string | null;
  readonly referencedSchema: string | null;
  readonly referencedColumns: readonly string[] | null;
  /** pg_constraint.confdeltype / confupdtype: a r c n d, or a space for non-FKs */
  readonly onDelete: string;
  readonly onUpdate: string;
  /** pg_constraint.confmatchtype: s f p */
  readonly match: string;
}

export interface RawIndex {
  readonly table: number;
  readonly name: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly method: string;
  readonly valid: boolean;
  readonly definition: string;
  readonly predicate: string | null;
  readonly keys: readonly { readonly expression: string; readonly option: number; readonly operatorClass: string | null }[];
  readonly include: readonly string[] | null;
}

export interface RawTrigger {
  readonly table: number;
  readonly name: string;
  /** pg_trigger.tgtype bit mask */
  readonly type: number;
  /** pg_trigger.tgenabled: O D R A */
  readonly enabled: string;
  readonly definition: string;
  readonly function: string;
}

export interface RawFunction {
  readonly name: string;
  readonly arguments: string;
  /** f or p */
  readonly kind: string;
  readonly resultType: string | null;
  readonly language: string;
  /** i s v */
  readonly volatility: string;
  readonly securityDefiner: boolean;
  readonly definition: string;
}

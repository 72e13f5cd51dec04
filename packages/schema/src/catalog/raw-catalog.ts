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
  /** The schema's views, sequences, indexes, … (pg_class.relkind other than r and p). */
  readonly otherRelations: readonly { readonly name: string; readonly kind: string }[];
  readonly rewriteRules: readonly RawRewriteRule[];
  readonly policies: readonly RawPolicy[];
  /** Tables, views and functions in other schemas named like (for functions: same arguments as) the schema's own. */
  readonly namesakes: readonly RawNamesake[];
  /** Roles that have a schema of their name: `"$user"` on a search_path resolves to it for them. */
  readonly roleNames: readonly string[];
  /** The server's search_path (role null) and those set per role and/or database with ALTER ROLE / DATABASE … SET. */
  readonly searchPaths: readonly { readonly role: string | null; readonly value: string }[];
}

interface RawTable {
  readonly oid: number;
  readonly name: string;
  readonly partitioned: boolean;
  readonly unlogged: boolean;
  readonly rowLevelSecurity: boolean;
  readonly comment: string | null;
  readonly forceRowLevelSecurity: boolean;
  /** pg_class.relreplident: d n f i */
  readonly replicaIdentity: string;
  readonly parents: readonly string[] | null;
  readonly children: readonly string[] | null;
}

interface RawColumn {
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
  readonly keys: readonly RawIndexKey[];
  readonly include: readonly string[] | null;
}

interface RawIndexKey {
  readonly expression: string;
  readonly option: number;
  readonly operatorClass: string | null;
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

interface RawRewriteRule {
  readonly table: number;
  readonly name: string;
  /** pg_rewrite.ev_type: 1 SELECT, 2 UPDATE, 3 INSERT, 4 DELETE */
  readonly event: string;
  readonly instead: boolean;
  /** pg_rewrite.ev_enabled: O D R A */
  readonly enabled: string;
  readonly definition: string;
}

interface RawPolicy {
  readonly table: number;
  readonly name: string;
  /** pg_policy.polcmd: r a w d * */
  readonly command: string;
  readonly permissive: boolean;
  readonly roles: readonly string[] | null;
  readonly using: string | null;
  readonly check: string | null;
}

interface RawNamesake {
  readonly schema: string;
  readonly name: string;
  /** pg_class.relkind (r p v m f) for relations, pg_proc.prokind (f p a w) for routines */
  readonly kind: string;
  /** Identity arguments for routines; null for relations. */
  readonly arguments: string | null;
}

export type FindingKind = 'missing' | 'unexpected' | 'different';

/** `error` fails verification; `warning` is reported but does not (unexpected extras, unless strict). */
export type Severity = 'error' | 'warning';

export type ObjectType =
  | 'table'
  | 'column'
  | 'primary key'
  | 'unique key'
  | 'foreign key'
  | 'check constraint'
  | 'exclusion constraint'
  | 'index'
  | 'trigger'
  | 'rewrite rule'
  | 'policy'
  | 'function'
  | 'migration'
  | 'rule'
  | 'behaviour'
  | 'privilege';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One way the database differs from the release. */
export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly objectType: ObjectType;
  /** The object's name: `position.status` for a column, otherwise the table, constraint, index, trigger or function name. */
  readonly object: string;
  /** The table the object belongs to, or null for tables, functions, migrations and schema-wide rules. */
  readonly table: string | null;
  /** For `different`: which property differs (`onDelete`, `predicate`, `allowedValues`, …); null otherwise. */
  readonly property: string | null;
  readonly expected: JsonValue;
  readonly actual: JsonValue;
  /** One sentence a person can act on. */
  readonly message: string;
  /** SQL that would make the database match the release, where one exists; review it before running it. */
  readonly fix: string | null;
}

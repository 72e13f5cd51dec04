/** A standard-conforming SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `ARRAY['a', 'b']::name[]` (an empty list gets its type too). */
export function nameArray(values: readonly string[]): string {
  return `ARRAY[${values.map(literal).join(', ')}]::name[]`;
}

/** The catalog oid of a constraint on a table of the schema, as an SQL sub-select. */
export function constraintOid(schema: string, table: string, constraint: string): string {
  return `(SELECT c.oid FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${literal(schema)} AND t.relname = ${literal(table)} AND c.conname = ${literal(constraint)})`;
}

/** The oid of a relation (table or index) of the schema, as an SQL expression. */
export function relationOid(schema: string, relation: string): string {
  return `(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${literal(schema)} AND c.relname = ${literal(relation)})`;
}

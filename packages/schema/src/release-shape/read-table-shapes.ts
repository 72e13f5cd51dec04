import type pg from 'pg';
import type { ActualTable } from './actual-table.js';

// One statement for all of a migration's tables. Deparsed text depends on search_path, as when the manifest was made
// (there with the schema as the whole search_path; here the schema is its first entry, so its names print unqualified
// too). PostgreSQL 18 can hold a NOT VALID NOT NULL constraint (contype 'n'): it does not vouch for the column.
const shapeQuery = `
WITH t AS (
  SELECT c.oid, c.relname, c.relkind
    FROM pg_class c
   WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
     AND c.relname = ANY ($1::text[])
)
SELECT t.relname AS name, t.relkind AS kind,
  (SELECT coalesce(json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'notNull', a.attnotnull AND NOT EXISTS (SELECT FROM pg_constraint nn WHERE nn.conrelid = a.attrelid
                   AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND NOT nn.convalidated),
      'default', CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
      'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END,
      'generated', CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END) ORDER BY a.attnum), '[]')
     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
  (SELECT coalesce(json_agg(json_build_object(
      'name', con.conname, 'type', con.contype, 'definition', pg_get_constraintdef(con.oid))), '[]')
     FROM pg_constraint con WHERE con.conrelid = t.oid AND con.contype IN ('p', 'u', 'f', 'c', 'x')) AS constraints,
  (SELECT coalesce(json_agg(json_build_object('name', ic.relname, 'definition', pg_get_indexdef(i.indexrelid))), '[]')
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = t.oid
      AND NOT EXISTS (SELECT FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = t.oid
                        AND con.contype IN ('p', 'u', 'x'))) AS indexes,
  current_schema() AS schema
  FROM t`;

interface ShapeRow extends ActualTable {
  readonly schema: string;
}

/** The relations named `tables` in the current schema, with their columns, constraints and indexes. */
export async function readTableShapes(client: pg.Client, tables: readonly string[]): Promise<readonly ActualTable[]> {
  const { rows } = await client.query<ShapeRow>(shapeQuery, [tables]);
  return rows.map(({ schema, ...table }) => ({
    ...table,
    indexes: table.indexes.map((index) => ({ ...index, definition: withoutSchema(index.definition, schema) })),
  }));
}

/** pg_get_indexdef always qualifies the table (`ON public.position`); the manifest does not. */
function withoutSchema(definition: string, schema: string): string {
  const anchor = / ON (?:ONLY )?/.exec(definition);
  if (!anchor) return definition;
  const at = anchor.index + anchor[0].length;
  for (const qualifier of [`${schema}.`, `"${schema.replaceAll('"', '""')}".`]) {
    if (definition.startsWith(qualifier, at)) return definition.slice(0, at) + definition.slice(at + qualifier.length);
  }
  return definition;
}

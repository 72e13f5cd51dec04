import { queryRows } from './query.js';

/**
 * One line per relation, column, index, constraint, trigger and function in the current schema, sorted: two equal
 * fingerprints mean the same shape. Object ids are left out, so a drop-and-create of an identical object is equal.
 */
const fingerprintSql = `
WITH rel AS (
  SELECT c.oid, c.relname, c.relkind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema()
)
SELECT 'relation ' || relname || ' kind=' || relkind::text AS line FROM rel
UNION ALL
SELECT 'column ' || rel.relname || '.' || a.attname || ' #' || a.attnum || ' ' || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
       || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
       || coalesce(' collation=' || col.collname, '')
  FROM pg_attribute a
  JOIN rel ON rel.oid = a.attrelid AND rel.relkind IN ('r', 'p', 'v', 'm', 'f')
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation col ON col.oid = a.attcollation AND a.attcollation <> 0
 WHERE a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid
  FROM pg_index i JOIN rel ON rel.oid = i.indrelid
UNION ALL
SELECT 'constraint ' || rel.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
       || ' validated=' || con.convalidated || ' deferrable=' || con.condeferrable
  FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid
UNION ALL
SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
  FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid
 WHERE NOT t.tgisinternal
UNION ALL
SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = current_schema()
ORDER BY line`;

export async function catalogFingerprint(url: string): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(url, fingerprintSql);
  return rows.map((row) => row.line);
}

import pg from 'pg';

const { escapeLiteral } = pg;

/**
 * One SELECT that reads a schema's tables, columns, constraints, indexes, triggers and functions as a single JSON
 * document. Values are inlined as escaped literals (not bind parameters) so the statement can travel in one
 * simple-protocol message together with the transaction and search_path set-up: the whole catalog in one round trip.
 * Deparsed text depends on search_path, which the caller sets to the schema (see readCatalog).
 * PostgreSQL 15+: pg_index.indnullsnotdistinct exists from 15 on; pg_constraint.conenforced only from 18 on, so it is
 * read through to_jsonb() and defaults to true. PostgreSQL 18 also lists NOT NULL constraints (contype 'n'), which may
 * be NOT VALID while pg_attribute.attnotnull is true: their convalidated is read on 18+ only and defaults to true.
 */
export function catalogQuery(schema: string, ignoredTables: readonly string[]): string {
  const ignored = `ARRAY[${ignoredTables.map(escapeLiteral).join(', ')}]::text[]`;
  return `
WITH schema AS (
  SELECT oid FROM pg_namespace WHERE nspname = ${escapeLiteral(schema)}
), tables AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relrowsecurity
    FROM pg_class c
   WHERE c.relnamespace = (SELECT oid FROM schema) AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY (${ignored}))
)
SELECT json_build_object(
  'database', current_database(),
  'schemaExists', EXISTS (SELECT FROM schema),
  'tables', (SELECT coalesce(json_agg(json_build_object(
      'oid', t.oid, 'name', t.relname, 'partitioned', t.relkind = 'p', 'unlogged', t.relpersistence = 'u',
      'rowLevelSecurity', t.relrowsecurity, 'comment', obj_description(t.oid, 'pg_class'))), '[]') FROM tables t),
  'columns', (SELECT coalesce(json_agg(json_build_object(
      'table', a.attrelid, 'name', a.attname, 'position', a.attnum, 'type', format_type(a.atttypid, a.atttypmod),
      'notNull', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid), 'identity', a.attidentity,
      'notNullValidated', coalesce(nn.convalidated, true), 'generated', a.attgenerated,
      'collation', CASE WHEN a.attcollation <> ty.typcollation THEN coll.collname END,
      'comment', col_description(a.attrelid, a.attnum))), '[]')
      FROM pg_attribute a
      JOIN tables t ON t.oid = a.attrelid
      JOIN pg_type ty ON ty.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
      LEFT JOIN pg_constraint nn ON current_setting('server_version_num')::int >= 180000
            AND nn.conrelid = a.attrelid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped),
  'constraints', (SELECT coalesce(json_agg(json_build_object(
      'table', con.conrelid, 'name', con.conname, 'type', con.contype, 'definition', pg_get_constraintdef(con.oid),
      'deferrable', con.condeferrable, 'initiallyDeferred', con.condeferred, 'validated', con.convalidated,
      'enforced', coalesce((to_jsonb(con) ->> 'conenforced')::boolean, true), 'noInherit', con.connoinherit,
      'expression', pg_get_expr(con.conbin, con.conrelid),
      'columns', (SELECT json_agg(a.attname ORDER BY k.ordinal) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ordinal)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
      'referencedTable', ref.relname,
      'referencedSchema', CASE WHEN ref.relnamespace <> (SELECT oid FROM schema) THEN refns.nspname END,
      'referencedColumns', (SELECT json_agg(a.attname ORDER BY k.ordinal)
                              FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ordinal)
                              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
      'onDelete', con.confdeltype, 'onUpdate', con.confupdtype, 'match', con.confmatchtype)), '[]')
      FROM pg_constraint con
      JOIN tables t ON t.oid = con.conrelid
      LEFT JOIN pg_class ref ON ref.oid = con.confrelid
      LEFT JOIN pg_namespace refns ON refns.oid = ref.relnamespace
     WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')),
  'indexes', (SELECT coalesce(json_agg(json_build_object(
      'table', i.indrelid, 'name', ic.relname, 'unique', i.indisunique, 'nullsNotDistinct', i.indnullsnotdistinct,
      'method', am.amname, 'valid', i.indisvalid, 'definition', pg_get_indexdef(i.indexrelid),
      'predicate', pg_get_expr(i.indpred, i.indrelid),
      'keys', (SELECT json_agg(json_build_object(
                  'expression', pg_get_indexdef(i.indexrelid, k.n, true),
                  'option', i.indoption[k.n - 1],
                  'operatorClass', CASE WHEN NOT opc.opcdefault THEN opc.opcname END) ORDER BY k.n)
                 FROM generate_series(1, i.indnkeyatts) k(n)
                 JOIN pg_opclass opc ON opc.oid = i.indclass[k.n - 1]),
      'include', (SELECT json_agg(pg_get_indexdef(i.indexrelid, k.n, true) ORDER BY k.n)
                    FROM generate_series(i.indnkeyatts + 1, i.indnatts) k(n)))), '[]')
      FROM pg_index i
      JOIN tables t ON t.oid = i.indrelid
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_am am ON am.oid = ic.relam
     WHERE NOT EXISTS (SELECT FROM pg_constraint con
                        WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))),
  'triggers', (SELECT coalesce(json_agg(json_build_object(
      'table', tg.tgrelid, 'name', tg.tgname, 'type', tg.tgtype, 'enabled', tg.tgenabled,
      'definition', pg_get_triggerdef(tg.oid, true), 'function', tg.tgfoid::regproc::text)), '[]')
      FROM pg_trigger tg
      JOIN tables t ON t.oid = tg.tgrelid
     WHERE NOT tg.tgisinternal),
  'functions', (SELECT coalesce(json_agg(json_build_object(
      'name', p.proname, 'arguments', pg_get_function_identity_arguments(p.oid), 'kind', p.prokind,
      'resultType', pg_get_function_result(p.oid), 'language', l.lanname, 'volatility', p.provolatile,
      'securityDefiner', p.prosecdef, 'definition', pg_get_functiondef(p.oid))), '[]')
      FROM pg_proc p
      JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = (SELECT oid FROM schema) AND p.prokind IN ('f', 'p')
       AND NOT EXISTS (SELECT FROM pg_depend dep
                        WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e'))
) AS catalog`;
}

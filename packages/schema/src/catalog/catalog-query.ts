import pg from 'pg';

const { escapeLiteral } = pg;

/**
 * One SELECT that reads a schema's tables, columns, constraints, indexes, triggers and functions as a single JSON
 * document. Values are inlined as escaped literals (not bind parameters) so the statement can travel in one
 * simple-protocol message together with the transaction and search_path set-up: the whole catalog in one round trip.
 * Deparsed text depends on search_path, which the caller sets to the schema (see readCatalogModel).
 * PostgreSQL 15+: pg_index.indnullsnotdistinct exists from 15 on; pg_constraint.conenforced only from 18 on, so it is
 * read through to_jsonb() and defaults to true. PostgreSQL 18 also lists NOT NULL constraints (contype 'n'), which may
 * be NOT VALID while pg_attribute.attnotnull is true: their convalidated is read on 18+ only and defaults to true.
 * Beyond the manifest's model it reads what can change what a statement on a table does (rewrite rules, policies,
 * forced row-level security, inheritance, replica identity) and what could shadow the schema's tables and functions
 * (same-named objects in other schemas, the search_path settings sessions start with, schemas named after roles), and
 * the schema's relations that are not tables (a view named like a release table is not that table).
 */
export function catalogQuery(
  schema: string,
  ignoredTables: readonly string[],
  onlyTables: readonly string[] | undefined,
): string {
  const textArray = (names: readonly string[]) => `ARRAY[${names.map(escapeLiteral).join(', ')}]::text[]`;
  const only = onlyTables === undefined ? '' : ` AND c.relname = ANY (${textArray(onlyTables)})`;
  return `
WITH schema AS (
  SELECT oid FROM pg_namespace WHERE nspname = ${escapeLiteral(schema)}
), tables AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.relreplident
    FROM pg_class c
   WHERE c.relnamespace = (SELECT oid FROM schema) AND c.relkind IN ('r', 'p')
     AND NOT (c.relname = ANY (${textArray(ignoredTables)}))${only}
)
SELECT json_build_object(
  'database', current_database(),
  'schemaExists', EXISTS (SELECT FROM schema),
  'tables', (SELECT coalesce(json_agg(json_build_object(
      'oid', t.oid, 'name', t.relname, 'partitioned', t.relkind = 'p', 'unlogged', t.relpersistence = 'u',
      'rowLevelSecurity', t.relrowsecurity, 'comment', obj_description(t.oid, 'pg_class'),
      'forceRowLevelSecurity', t.relforcerowsecurity, 'replicaIdentity', t.relreplident,
      'parents', (SELECT json_agg(i.inhparent::regclass::text ORDER BY i.inhseqno)
                    FROM pg_inherits i WHERE i.inhrelid = t.oid),
      'children', (SELECT json_agg(i.inhrelid::regclass::text ORDER BY i.inhrelid::regclass::text)
                     FROM pg_inherits i WHERE i.inhparent = t.oid))), '[]') FROM tables t),
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
      'columns', (SELECT json_agg(a.attname ORDER BY k.ordinal)
                    FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ordinal)
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
                        WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                          AND con.contype IN ('p', 'u', 'x'))),
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
                        WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e')),
  'otherRelations', (SELECT coalesce(json_agg(json_build_object('name', c.relname, 'kind', c.relkind)), '[]')
      FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM schema) AND c.relkind NOT IN ('r', 'p')),
  'rewriteRules', (SELECT coalesce(json_agg(json_build_object(
      'table', r.ev_class, 'name', r.rulename, 'event', r.ev_type, 'instead', r.is_instead, 'enabled', r.ev_enabled,
      'definition', pg_get_ruledef(r.oid, true))), '[]')
      FROM pg_rewrite r
      JOIN tables t ON t.oid = r.ev_class),
  'policies', (SELECT coalesce(json_agg(json_build_object(
      'table', pol.polrelid, 'name', pol.polname, 'command', pol.polcmd, 'permissive', pol.polpermissive,
      'roles', (SELECT json_agg(CASE WHEN role = 0 THEN 'PUBLIC' ELSE role::regrole::text END)
                  FROM unnest(pol.polroles) role),
      'using', pg_get_expr(pol.polqual, pol.polrelid), 'check', pg_get_expr(pol.polwithcheck, pol.polrelid))), '[]')
      FROM pg_policy pol
      JOIN tables t ON t.oid = pol.polrelid),
  'namesakes', (SELECT coalesce(json_agg(namesake), '[]') FROM (
      SELECT json_build_object('schema', n.nspname, 'name', c.relname, 'kind', c.relkind, 'arguments', NULL) AS namesake
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relnamespace <> (SELECT oid FROM schema)
         AND c.relname IN (SELECT relname FROM tables)
      UNION ALL
      SELECT json_build_object('schema', n.nspname, 'name', p.proname, 'kind', p.prokind,
                               'arguments', pg_get_function_identity_arguments(p.oid))
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.pronamespace <> (SELECT oid FROM schema)
         AND EXISTS (SELECT FROM pg_proc own WHERE own.pronamespace = (SELECT oid FROM schema)
                        AND own.proname = p.proname AND own.proargtypes = p.proargtypes)) namesakes),
  'roleNames', (SELECT coalesce(json_agg(r.rolname), '[]') FROM pg_roles r
                 WHERE r.rolname IN (SELECT nspname FROM pg_namespace)),
  'searchPaths', (SELECT json_agg(setting) FROM (
      SELECT json_build_object('role', NULL, 'value', reset_val) AS setting FROM pg_settings WHERE name = 'search_path'
      UNION ALL
      SELECT json_build_object('role', r.rolname, 'value', substr(config, length('search_path=') + 1))
        FROM pg_db_role_setting s
        LEFT JOIN pg_roles r ON r.oid = s.setrole
        CROSS JOIN unnest(s.setconfig) config
       WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
         AND starts_with(config, 'search_path=')) settings)
) AS catalog`;
}

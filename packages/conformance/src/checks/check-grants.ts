import { iprsRoles, LEDGER_TABLE, rolePrivileges } from '@iprs/schema';
import type pg from 'pg';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { checkResult, skippedCheck, type CheckResult } from '../report/check-result.js';
import type { Finding } from '../report/finding.js';

export interface CheckGrantsOptions {
  /** The PostgreSQL schema holding the tables. */
  readonly schema: string;
  /** The tables of the release; the ledger is checked too. Tables that do not exist are the catalog checks' concern. */
  readonly tables: readonly string[];
}

const tablePrivileges = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
/** MAINTAIN (VACUUM, ANALYZE, REINDEX, …) exists from PostgreSQL 17 on. */
const maintainSince = 170_000;
const dataRoles = [iprsRoles.writer, iprsRoles.reader] as const;

interface TablePrivileges {
  readonly table: string;
  readonly owner: string;
  /** Effective privileges per data role: granted directly, to PUBLIC, or through a role it belongs to. */
  readonly privileges: Readonly<Record<string, readonly string[]>>;
}

/**
 * Checks the iprs roles against sql/roles/grants.sql (category `grants`): the three roles exist, iprs_migrator owns
 * every table and may create in the schema, the writer and the reader hold exactly their privileges on every table
 * (the ledger: SELECT only) and on the schema, and iprs_migrator's default privileges grant the same on future tables.
 * A missing privilege is an error, and so is an extra one (a writer with TRUNCATE, a reader with INSERT).
 */
export async function checkGrants(client: pg.ClientBase, options: CheckGrantsOptions): Promise<CheckResult[]> {
  const { schema } = options;
  const roles = Object.values(iprsRoles);
  const found = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY ($1)', [
    roles,
  ]);
  const existing = new Set(found.rows.map((row) => row.rolname));
  const checks = roles.map((role) =>
    checkResult(`grants/role/${role}`, 'grants', `role ${role} exists`, existing.has(role) ? [] : [missingRole(role)]),
  );
  if (roles.some((role) => !existing.has(role))) {
    return [
      ...checks,
      skippedCheck('grants/privileges', 'grants', 'the iprs roles hold their privileges', 'an iprs role is missing'),
    ];
  }
  const tables = await readTablePrivileges(client, schema, [...options.tables, LEDGER_TABLE]);
  checks.push(...tables.map((table) => ownerCheck(schema, table)));
  for (const role of dataRoles) {
    for (const table of tables) {
      const expected = table.table === LEDGER_TABLE ? ['SELECT'] : rolePrivileges[role];
      const findings = privilegeFindings(
        role,
        `table ${table.table}`,
        table.table,
        expected,
        table.privileges[role] ?? [],
        (verb, list) =>
          `${verb} ${list} ON ${q(schema)}.${q(table.table)} ${verb === 'GRANT' ? 'TO' : 'FROM'} ${role};`,
      );
      checks.push(
        checkResult(
          `grants/table/${table.table}/${role}`,
          'grants',
          `${role} holds exactly its privileges on ${table.table}`,
          findings,
        ),
      );
    }
  }
  checks.push(...(await schemaChecks(client, schema)));
  checks.push(...(await defaultPrivilegeChecks(client, schema)));
  return checks;
}

async function readTablePrivileges(
  client: pg.ClientBase,
  schema: string,
  tables: readonly string[],
): Promise<TablePrivileges[]> {
  const version = await client.query<{ version: number }>(
    "SELECT current_setting('server_version_num')::int AS version",
  );
  const privileges =
    (version.rows[0]?.version ?? 0) >= maintainSince ? [...tablePrivileges, 'MAINTAIN'] : tablePrivileges;
  const { rows } = await client.query<{ table: string; owner: string; role: string; privileges: string[] }>(
    `SELECT c.relname AS table, pg_get_userbyid(c.relowner) AS owner, r.role,
            array(SELECT p FROM unnest($4::text[]) p WHERE has_table_privilege(r.role, c.oid, p)) AS privileges
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      CROSS JOIN unnest($3::text[]) r(role)
      WHERE n.nspname = $1 AND c.relname = ANY ($2) AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, r.role`,
    [schema, tables, dataRoles, privileges],
  );
  const byTable = new Map<string, { owner: string; privileges: Record<string, string[]> }>();
  for (const row of rows) {
    const entry = byTable.get(row.table) ?? { owner: row.owner, privileges: {} };
    entry.privileges[row.role] = row.privileges;
    byTable.set(row.table, entry);
  }
  return [...byTable].map(([table, entry]) => ({ table, ...entry }));
}

function ownerCheck(schema: string, table: TablePrivileges): CheckResult {
  const findings: Finding[] =
    table.owner === iprsRoles.migrator
      ? []
      : [
          {
            ...base(iprsRoles.migrator, table.table),
            kind: 'different',
            property: 'owner',
            expected: iprsRoles.migrator,
            actual: table.owner,
            message: `table ${table.table} is owned by ${table.owner}, not ${iprsRoles.migrator}: migrations run as ${iprsRoles.migrator} cannot alter it`,
            fix: `ALTER TABLE ${q(schema)}.${q(table.table)} OWNER TO ${iprsRoles.migrator};`,
          },
        ];
  return checkResult(`grants/owner/${table.table}`, 'grants', `${iprsRoles.migrator} owns ${table.table}`, findings);
}

async function schemaChecks(client: pg.ClientBase, schema: string): Promise<CheckResult[]> {
  const { rows } = await client.query<{ role: string; privileges: string[] }>(
    `SELECT r.role, array(SELECT p FROM unnest(ARRAY['USAGE', 'CREATE']) p WHERE has_schema_privilege(r.role, $1, p)) AS privileges
       FROM unnest($2::text[]) r(role)`,
    [schema, Object.values(iprsRoles)],
  );
  const expected: Record<string, readonly string[]> = {
    [iprsRoles.migrator]: ['USAGE', 'CREATE'],
    [iprsRoles.writer]: ['USAGE'],
    [iprsRoles.reader]: ['USAGE'],
  };
  return rows.map((row) => {
    const findings = privilegeFindings(
      row.role,
      `schema ${schema}`,
      null,
      expected[row.role] ?? [],
      row.privileges,
      (verb, list) => `${verb} ${list} ON SCHEMA ${q(schema)} ${verb === 'GRANT' ? 'TO' : 'FROM'} ${row.role};`,
    );
    // The migrator may hold more on its schema (e.g. own it); only what it lacks matters.
    const relevant =
      row.role === iprsRoles.migrator ? findings.filter((finding) => finding.kind === 'missing') : findings;
    return checkResult(
      `grants/schema/${row.role}`,
      'grants',
      `${row.role} holds exactly its privileges on schema ${schema}`,
      relevant,
    );
  });
}

async function defaultPrivilegeChecks(client: pg.ClientBase, schema: string): Promise<CheckResult[]> {
  const { rows } = await client.query<{ grantee: string; privilege: string }>(
    `SELECT pg_get_userbyid(acl.grantee) AS grantee, acl.privilege_type AS privilege
       FROM pg_default_acl d
       CROSS JOIN aclexplode(d.defaclacl) acl
      WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = $1) AND d.defaclobjtype = 'r'
        AND (d.defaclnamespace = 0 OR d.defaclnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $2))`,
    [iprsRoles.migrator, schema],
  );
  return dataRoles.map((role) => {
    const actual = [...new Set(rows.filter((row) => row.grantee === role).map((row) => row.privilege))];
    const findings = privilegeFindings(
      role,
      `tables ${iprsRoles.migrator} creates in ${schema}`,
      null,
      rolePrivileges[role],
      actual,
      (verb, list) =>
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${iprsRoles.migrator} IN SCHEMA ${q(schema)} ${verb} ${list} ON TABLES ${verb === 'GRANT' ? 'TO' : 'FROM'} ${role};`,
    );
    return checkResult(
      `grants/default-privileges/${role}`,
      'grants',
      `${role} gets exactly its privileges on tables ${iprsRoles.migrator} creates later`,
      findings,
    );
  });
}

function privilegeFindings(
  role: string,
  on: string,
  table: string | null,
  expected: readonly string[],
  actual: readonly string[],
  statement: (verb: 'GRANT' | 'REVOKE', privileges: string) => string,
): Finding[] {
  const missing = expected.filter((privilege) => !actual.includes(privilege));
  const extra = actual.filter((privilege) => !expected.includes(privilege));
  const findings: Finding[] = [];
  if (missing.length > 0) {
    findings.push({
      ...base(role, table),
      kind: 'missing',
      property: 'privileges',
      expected: [...expected],
      actual: [...actual],
      message: `${role} lacks ${missing.join(', ')} on ${on}`,
      fix: statement('GRANT', missing.join(', ')),
    });
  }
  if (extra.length > 0) {
    findings.push({
      ...base(role, table),
      kind: 'unexpected',
      property: 'privileges',
      expected: [...expected],
      actual: [...actual],
      message: `${role} has ${extra.join(', ')} on ${on}, beyond its role (granted to it, to PUBLIC or to a role it belongs to)`,
      fix: statement('REVOKE', extra.join(', ')),
    });
  }
  return findings;
}

function missingRole(role: string): Finding {
  return {
    ...base(role, null),
    kind: 'missing',
    property: null,
    expected: role,
    actual: null,
    message: `role ${role} does not exist; run iprs grants`,
    fix: `CREATE ROLE ${role} NOLOGIN;`,
  };
}

function base(role: string, table: string | null) {
  return { severity: 'error', objectType: 'privilege', object: role, table } as const;
}

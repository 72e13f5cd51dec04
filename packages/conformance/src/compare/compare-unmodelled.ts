import type { SchemaSnapshot } from '@iprs/schema';
import type { Namesake, SearchPathSetting, UnmodelledCatalog, UnmodelledTable } from '@iprs/schema/catalog';
import { checkResult, type CheckResult } from '../report/check-result.js';
import type { Finding } from '../report/finding.js';
import { quoteIdentifier as q } from './quote-identifier.js';

export interface CompareUnmodelledOptions {
  /** The verified schema; default `public`. */
  readonly schema?: string;
  /** Debatable differences (replica identity) fail instead of warn. */
  readonly strict?: boolean;
}

/**
 * Judges what the manifest does not model (pure): no release defines rewrite rules, policies, forced row-level
 * security, inheritance or a non-default replica identity, and nothing may shadow its tables and functions. One check
 * per release table present, plus one for shadowing.
 */
export function compareUnmodelled(
  expected: SchemaSnapshot,
  actual: SchemaSnapshot,
  unmodelled: UnmodelledCatalog,
  options: CompareUnmodelledOptions = {},
): CheckResult[] {
  const live = new Map(unmodelled.tables.map((table) => [table.name, table]));
  const rowLevelSecurity = new Map(actual.tables.map((table) => [table.name, table.rowLevelSecurity]));
  const checks = expected.tables.flatMap((table) => {
    const have = live.get(table.name);
    if (!have) return [];
    return [
      checkResult(
        `catalog/behaviour/${table.name}`,
        'catalog',
        `no rewrite rule, policy, inheritance or replica identity beyond the release changes statements on ${table.name}`,
        tableFindings(have, table.partitioned, rowLevelSecurity.get(table.name) ?? false, options.strict ?? false),
      ),
    ];
  });
  checks.push(
    checkResult(
      'catalog/shadowing',
      'catalog',
      'no object earlier on a search_path shadows a release table or function',
      shadowingFindings(expected, unmodelled, options.schema ?? 'public'),
    ),
  );
  return checks;
}

function tableFindings(
  table: UnmodelledTable,
  partitioned: boolean,
  rowLevelSecurity: boolean,
  strict: boolean,
): Finding[] {
  const name = table.name;
  const findings: Finding[] = [];
  for (const rule of table.rewriteRules) {
    const action = rule.instead ? 'replaces' : 'adds to';
    findings.push({
      kind: 'unexpected',
      // A disabled rule does nothing until someone enables it.
      severity: rule.enabled ? 'error' : 'warning',
      objectType: 'rewrite rule',
      object: rule.name,
      table: name,
      property: null,
      expected: null,
      actual: rule.definition,
      message: `rewrite rule ${rule.name} on ${name} ${action} every ${rule.event} on it${rule.enabled ? '' : ' (disabled)'}`,
      fix: `DROP RULE ${q(rule.name)} ON ${q(name)};`,
    });
  }
  for (const policy of table.policies) {
    findings.push({
      kind: 'unexpected',
      // Policies filter rows only while row-level security is enabled (which the table check reports by itself).
      severity: rowLevelSecurity ? 'error' : 'warning',
      objectType: 'policy',
      object: policy.name,
      table: name,
      property: null,
      expected: null,
      actual: {
        command: policy.command,
        permissive: policy.permissive,
        roles: policy.roles,
        using: policy.using,
        check: policy.check,
      },
      message:
        `policy ${policy.name} on ${name} restricts ${policy.command} for ${policy.roles.join(', ')}` +
        (rowLevelSecurity ? '' : ' once row-level security is enabled'),
      fix: `DROP POLICY ${q(policy.name)} ON ${q(name)};`,
    });
  }
  const base = { objectType: 'table', object: name, table: null } as const;
  if (table.forceRowLevelSecurity) {
    findings.push({
      ...base,
      kind: 'different',
      severity: rowLevelSecurity ? 'error' : 'warning',
      property: 'forceRowLevelSecurity',
      expected: false,
      actual: true,
      message: `table ${name}: row-level security is forced, so its policies bind the table's owner too`,
      fix: `ALTER TABLE ${q(name)} NO FORCE ROW LEVEL SECURITY;`,
    });
  }
  if (table.parents.length > 0) {
    findings.push({
      ...base,
      kind: 'different',
      severity: 'error',
      property: 'parents',
      expected: [],
      actual: table.parents,
      message: `table ${name} inherits from or is a partition of ${table.parents.join(', ')}: its rows are also theirs`,
      fix: table.parents.map((parent) => `ALTER TABLE ${q(name)} NO INHERIT ${parent};`).join('\n'),
    });
  }
  // A table the release partitions has partitions by design.
  if (table.children.length > 0 && !partitioned) {
    findings.push({
      ...base,
      kind: 'different',
      severity: 'error',
      property: 'children',
      expected: [],
      actual: table.children,
      message:
        `table ${name} has child tables or partitions (${table.children.join(', ')}): ` +
        'SELECT, UPDATE and DELETE on it reach their rows too',
      fix: table.children.map((child) => `ALTER TABLE ${child} NO INHERIT ${q(name)};`).join('\n'),
    });
  }
  if (table.replicaIdentity !== 'default') {
    findings.push({
      ...base,
      kind: 'different',
      severity: strict ? 'error' : 'warning',
      property: 'replicaIdentity',
      expected: 'default',
      actual: table.replicaIdentity,
      message:
        `table ${name}: replica identity is ${table.replicaIdentity.toUpperCase()}, not DEFAULT` +
        (table.replicaIdentity === 'nothing' ? ' (UPDATE and DELETE fail once the table is published)' : ''),
      fix: `ALTER TABLE ${q(name)} REPLICA IDENTITY DEFAULT;`,
    });
  }
  return findings;
}

function shadowingFindings(expected: SchemaSnapshot, unmodelled: UnmodelledCatalog, schema: string): Finding[] {
  const shadowing = shadowingSchemas(unmodelled.searchPaths, unmodelled.roleNames, schema);
  const tables = new Set(expected.tables.map((table) => table.name));
  const functions = new Set(expected.functions.map((fn) => fn.signature));
  return unmodelled.namesakes.flatMap((namesake): Finding[] => {
    const path = shadowing.get(namesake.schema);
    const isRoutine = namesake.arguments !== null;
    const shadowed = isRoutine ? functions.has(`${namesake.name}(${namesake.arguments})`) : tables.has(namesake.name);
    if (!path || !shadowed) return [];
    const object = `${namesake.schema}.${namesake.name}${isRoutine ? `(${namesake.arguments})` : ''}`;
    return [
      {
        kind: 'unexpected',
        severity: 'error',
        objectType: isRoutine ? 'function' : 'table',
        object,
        table: null,
        property: null,
        expected: null,
        actual: `${namesake.kind} ${object}`,
        message:
          `${namesake.kind} ${object} shadows the release's ${isRoutine ? 'function' : 'table'} ${namesake.name} ` +
          `for sessions with ${path}`,
        fix: dropSql(namesake),
      },
    ];
  });
}

/** The schemas that some session's search_path puts before `schema`, each with the setting that does. */
function shadowingSchemas(
  settings: readonly SearchPathSetting[],
  roleNames: readonly string[],
  schema: string,
): Map<string, string> {
  const shadowing = new Map<string, string>();
  for (const setting of settings) {
    const entries = parseSearchPath(setting.value);
    const position = entries.indexOf(schema);
    if (position === -1) continue;
    // pg_catalog is searched first unless the path names it; pg_temp holds only the session's own temporary objects.
    const before = [...(entries.includes('pg_catalog') ? [] : ['pg_catalog']), ...entries.slice(0, position)];
    const described = `search_path ${setting.value}${setting.role ? ` (set for role ${setting.role})` : ''}`;
    for (const entry of before) {
      const names =
        entry === '$user' ? roleNames.filter((role) => setting.role === null || role === setting.role) : [entry];
      for (const name of names) {
        if (name !== schema && !shadowing.has(name)) {
          shadowing.set(name, entry === '$user' ? `${described}, as role ${name}` : described);
        }
      }
    }
  }
  return shadowing;
}

/** `"$user", public` → ['$user', 'public']: unquoted names are folded to lower case, as PostgreSQL does. */
export function parseSearchPath(value: string): string[] {
  const entries: string[] = [];
  const entry = /\s*(?:"((?:[^"]|"")*)"|([^,]*?))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (entry.lastIndex < value.length && (match = entry.exec(value)) !== null) {
    const name = match[1] !== undefined ? match[1].replaceAll('""', '"') : (match[2] ?? '').toLowerCase();
    if (name !== '') entries.push(name);
    if (match[0] === '') break;
  }
  return entries;
}

function dropSql(namesake: Namesake): string {
  const name = `${q(namesake.schema)}.${q(namesake.name)}`;
  if (namesake.arguments !== null) {
    return `DROP ${namesake.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${name}(${namesake.arguments});`;
  }
  const kind = namesake.kind === 'partitioned table' ? 'table' : namesake.kind;
  return `DROP ${kind.toUpperCase()} ${name};`;
}

import type { RawCatalog } from './raw-catalog.js';

/**
 * What the live catalog holds beyond the manifest's model that can change what a statement on a release table or a
 * call of a release function does. No release defines any of it, so each item is a finding (see compareUnmodelled).
 */
export interface UnmodelledCatalog {
  readonly tables: readonly UnmodelledTable[];
  /** Tables, views and routines in other schemas named like the schema's own (routines: with the same arguments). */
  readonly namesakes: readonly Namesake[];
  /** Roles that have a schema of their name: `"$user"` on a search_path resolves to that schema for them. */
  readonly roleNames: readonly string[];
  /** The server's search_path (role null) and those set with ALTER ROLE / ALTER DATABASE … SET search_path. */
  readonly searchPaths: readonly SearchPathSetting[];
}

export interface UnmodelledTable {
  readonly name: string;
  readonly forceRowLevelSecurity: boolean;
  readonly replicaIdentity: 'default' | 'nothing' | 'full' | 'index';
  /** Tables this one inherits from or is a partition of. */
  readonly parents: readonly string[];
  /** Tables that inherit from this one or are its partitions: statements on it reach their rows too. */
  readonly children: readonly string[];
  readonly rewriteRules: readonly RewriteRule[];
  readonly policies: readonly RowPolicy[];
}

type RewriteEvent = 'SELECT' | 'UPDATE' | 'INSERT' | 'DELETE';

export interface RewriteRule {
  readonly name: string;
  readonly event: RewriteEvent;
  /** DO INSTEAD (the statement is replaced) rather than DO ALSO (something runs besides it). */
  readonly instead: boolean;
  /** false after ALTER TABLE … DISABLE RULE. */
  readonly enabled: boolean;
  /** pg_get_ruledef(): the CREATE RULE statement. */
  readonly definition: string;
}

export interface RowPolicy {
  readonly name: string;
  readonly command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  readonly permissive: boolean;
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly check: string | null;
}

export interface Namesake {
  readonly schema: string;
  readonly name: string;
  readonly kind:
    | 'table'
    | 'partitioned table'
    | 'view'
    | 'materialized view'
    | 'foreign table'
    | 'function'
    | 'procedure'
    | 'aggregate'
    | 'window function';
  /** Identity arguments of a routine; null for relations. */
  readonly arguments: string | null;
}

export interface SearchPathSetting {
  /** The role the setting applies to; null for the server's or the database's setting. */
  readonly role: string | null;
  readonly value: string;
}

const rewriteEvents: Readonly<Record<string, RewriteEvent>> = { 1: 'SELECT', 2: 'UPDATE', 3: 'INSERT', 4: 'DELETE' };
const policyCommands: Readonly<Record<string, RowPolicy['command']>> = {
  r: 'SELECT',
  a: 'INSERT',
  w: 'UPDATE',
  d: 'DELETE',
  '*': 'ALL',
};
const replicaIdentities: Readonly<Record<string, UnmodelledTable['replicaIdentity']>> = {
  d: 'default',
  n: 'nothing',
  f: 'full',
  i: 'index',
};
const namesakeKinds: Readonly<Record<string, Namesake['kind']>> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
};
const routineKinds: Readonly<Record<string, Namesake['kind']>> = {
  f: 'function',
  p: 'procedure',
  a: 'aggregate',
  w: 'window function',
};

/** The part of the raw catalog document the manifest does not model (pure). */
export function buildUnmodelledCatalog(raw: RawCatalog): UnmodelledCatalog {
  return {
    tables: raw.tables.map((table) => ({
      name: table.name,
      forceRowLevelSecurity: table.forceRowLevelSecurity,
      replicaIdentity: replicaIdentities[table.replicaIdentity] ?? 'default',
      parents: table.parents ?? [],
      children: table.children ?? [],
      rewriteRules: raw.rewriteRules
        .filter((rule) => rule.table === table.oid)
        .map((rule) => ({
          name: rule.name,
          event: rewriteEvents[rule.event] ?? 'SELECT',
          instead: rule.instead,
          enabled: rule.enabled !== 'D',
          definition: rule.definition,
        })),
      policies: raw.policies
        .filter((policy) => policy.table === table.oid)
        .map((policy) => ({
          name: policy.name,
          command: policyCommands[policy.command] ?? 'ALL',
          permissive: policy.permissive,
          roles: policy.roles ?? [],
          using: policy.using,
          check: policy.check,
        })),
    })),
    namesakes: raw.namesakes.map((namesake) => ({
      schema: namesake.schema,
      name: namesake.name,
      kind: (namesake.arguments === null ? namesakeKinds : routineKinds)[namesake.kind] ?? 'table',
      arguments: namesake.arguments,
    })),
    roleNames: raw.roleNames,
    searchPaths: raw.searchPaths,
  };
}

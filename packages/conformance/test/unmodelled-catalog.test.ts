import { manifestForRelease } from '@iprs/schema';
import { describe, expect, it } from 'vitest';
import { parseSearchPath } from '../src/compare/compare-unmodelled.js';
import { compareUnmodelled, type Namesake, type UnmodelledCatalog } from '../src/index.js';

const expected = manifestForRelease().schema;
const quiet: UnmodelledCatalog = {
  tables: expected.tables.map((table) => ({
    name: table.name,
    forceRowLevelSecurity: false,
    replicaIdentity: 'default',
    parents: [],
    children: [],
    rewriteRules: [],
    policies: [],
  })),
  namesakes: [],
  roleNames: [],
  searchPaths: [{ role: null, value: '"$user", public' }],
};

function shadowing(catalog: Partial<UnmodelledCatalog>): string[] {
  const checks = compareUnmodelled(expected, expected, { ...quiet, ...catalog });
  return (checks.find((check) => check.id === 'catalog/shadowing')?.findings ?? []).map((finding) => finding.object);
}

const view = (schema: string, name: string): Namesake => ({ schema, name, kind: 'view', arguments: null });
const fn = (schema: string, name: string, args: string): Namesake => ({
  schema,
  name,
  kind: 'function',
  arguments: args,
});

describe('search_path settings are read as PostgreSQL reads them', () => {
  it.each([
    ['"$user", public', ['$user', 'public']],
    ['Shadow,public', ['shadow', 'public']],
    ['"Shadow", "a,b" ,  public', ['Shadow', 'a,b', 'public']],
    ['"say ""hi""", public', ['say "hi"', 'public']],
    ['', []],
  ])('%s', (value, entries) => {
    expect(parseSearchPath(value)).toEqual(entries);
  });
});

describe('what the manifest does not model, per release table', () => {
  const findingsOn = (table: string, change: Partial<UnmodelledCatalog['tables'][number]>, partitioned = false) => {
    const release = {
      ...expected,
      tables: expected.tables.map((candidate) =>
        candidate.name === table ? { ...candidate, partitioned } : candidate,
      ),
    };
    const tables = quiet.tables.map((candidate) =>
      candidate.name === table ? { ...candidate, ...change } : candidate,
    );
    const checks = compareUnmodelled(release, release, { ...quiet, tables });
    const check = checks.find((candidate) => candidate.id === `catalog/behaviour/${table}`);
    return check?.findings.map((finding) => [finding.property ?? finding.objectType, finding.severity]);
  };

  it('child tables are an error, unless the release partitions the table', () => {
    expect(findingsOn('run', { children: ['run_2026'] })).toEqual([['children', 'error']]);
    expect(findingsOn('run', { children: ['run_2026'] }, true)).toEqual([]);
  });

  it('forced row-level security and policies matter only while row-level security is enabled', () => {
    const policy = {
      name: 'p',
      command: 'ALL',
      permissive: true,
      roles: ['PUBLIC'],
      using: 'false',
      check: null,
    } as const;
    expect(findingsOn('run', { forceRowLevelSecurity: true, policies: [policy] })).toEqual([
      ['policy', 'warning'],
      ['forceRowLevelSecurity', 'warning'],
    ]);
  });

  it('a replica identity other than DEFAULT is debatable: a warning unless strict', () => {
    const tables = quiet.tables.map((table) =>
      table.name === 'run' ? { ...table, replicaIdentity: 'full' as const } : table,
    );
    for (const strict of [false, true]) {
      const check = compareUnmodelled(expected, expected, { ...quiet, tables }, { strict }).find(
        (candidate) => candidate.id === 'catalog/behaviour/run',
      );
      expect(check?.findings.map((finding) => finding.severity)).toEqual([strict ? 'error' : 'warning']);
    }
  });
});

describe('shadowing is judged per search_path that applies', () => {
  it('nothing beyond the release: one passing check per table and one for shadowing', () => {
    const checks = compareUnmodelled(expected, expected, quiet);
    expect(checks).toHaveLength(expected.tables.length + 1);
    expect(checks.every((check) => check.status === 'passed')).toBe(true);
  });

  it('"$user" on the default path: any role-named schema comes first', () => {
    expect(shadowing({ roleNames: ['app'], namesakes: [view('app', 'position'), view('elsewhere', 'run')] })).toEqual([
      'app.position',
    ]);
  });

  it('"$user" in a role\'s own setting resolves to that role only', () => {
    const searchPaths = [
      { role: null, value: 'public' },
      { role: 'ops', value: '"$user", public' },
    ];
    const namesakes = [view('app', 'position'), view('ops', 'position')];
    expect(shadowing({ roleNames: ['app', 'ops'], namesakes, searchPaths })).toEqual(['ops.position']);
  });

  it('a schema after the release schema, or on a path without it, shadows nothing', () => {
    const searchPaths = [
      { role: null, value: 'public, late' },
      { role: 'reporting', value: 'reporting_only' },
    ];
    expect(shadowing({ namesakes: [view('late', 'run'), view('reporting_only', 'run')], searchPaths })).toEqual([]);
  });

  it('pg_catalog is searched first unless the path names it later', () => {
    const namesakes = [fn('pg_catalog', 'set_updated_at', '')];
    expect(shadowing({ namesakes })).toEqual(['pg_catalog.set_updated_at()']);
    expect(shadowing({ namesakes, searchPaths: [{ role: null, value: 'public, pg_catalog' }] })).toEqual([]);
  });

  it('a function shadows only with the same arguments; a relation only with a release table name', () => {
    const namesakes = [
      fn('app', 'set_updated_at', 'integer'),
      fn('app', 'set_updated_at', ''),
      view('app', 'not_a_release_table'),
    ];
    expect(shadowing({ roleNames: ['app'], namesakes })).toEqual(['app.set_updated_at()']);
  });
});

import { manifestForRelease } from '@iprs/schema';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { pgtapFile } from '../src/baselines/pgtap/pgtap-file.js';
import { probeAssertions, probeSetup } from '../src/baselines/pgtap/probe-assertions.js';
import { recordProbeStatements } from '../src/baselines/pgtap/record-probe-statements.js';
import { structureAssertions } from '../src/baselines/pgtap/structure-assertions.js';

const databaseUrl = await useMigratedDatabase();

describe('probeAssertions', () => {
  it('replays a refused statement as throws_ok with its SQLSTATE and message, parameters written in', () => {
    const [assertion] = probeAssertions([
      {
        text: 'INSERT INTO position (status) VALUES ($1::text)',
        values: ["NOT'A STATUS"],
        outcome: { ok: false, code: '23514', message: 'violates check constraint "position_status_check"' },
      },
    ]);
    expect(assertion).toBe(
      `SELECT throws_ok($probe$INSERT INTO position (status) VALUES ('NOT''A STATUS'::text)$probe$, '23514', ` +
        `'violates check constraint "position_status_check"', 'probe statement 1')`,
    );
  });

  it('replays successes as lives_ok, checks SELECT row counts and leaves savepoints out', () => {
    const assertions = probeAssertions([
      { text: 'SAVEPOINT iprs_probe', values: [], outcome: { ok: true, rowCount: 0 } },
      { text: 'DELETE FROM run WHERE run_id = $1', values: [null], outcome: { ok: true, rowCount: 0 } },
      { text: 'SELECT 1 FROM run WHERE run_id = $1', values: ['r1'], outcome: { ok: true, rowCount: 1 } },
    ]);
    expect(assertions).toEqual([
      "SELECT lives_ok($probe$DELETE FROM run WHERE run_id = NULL$probe$, 'probe statement 1')",
      "SELECT is((SELECT count(*)::int FROM (SELECT 1 FROM run WHERE run_id = 'r1') AS probe_rows), 1, 'probe statement 2')",
    ]);
  });
});

describe('probeSetup', () => {
  it('takes the temporary functions out of the transaction setup, dollar-quoted bodies whole, and nothing else', () => {
    const body = 'BEGIN EXECUTE s; RETURN 1; END';
    const setup = probeSetup([
      {
        text:
          'BEGIN READ WRITE; SET LOCAL lock_timeout = 1000; ' +
          `CREATE FUNCTION pg_temp.f(s text) RETURNS int LANGUAGE plpgsql AS $fn$${body}$fn$; ` +
          'CREATE FUNCTION pg_temp.g() RETURNS int LANGUAGE sql AS $$SELECT 1$$; SAVEPOINT iprs_probe',
        values: [],
        outcome: { ok: true, rowCount: 0 },
      },
      { text: 'SELECT pg_temp.f($1)', values: ['x'], outcome: { ok: true, rowCount: 1 } },
      { text: 'BEGIN READ WRITE; SAVEPOINT iprs_probe', values: [], outcome: { ok: true, rowCount: 0 } },
    ]);
    expect(setup).toEqual([
      `CREATE FUNCTION pg_temp.f(s text) RETURNS int LANGUAGE plpgsql AS $fn$${body}$fn$`,
      'CREATE FUNCTION pg_temp.g() RETURNS int LANGUAGE sql AS $$SELECT 1$$',
    ]);
  });
});

describe('the pgTAP file', () => {
  it('plans exactly as many tests as it asserts, inside a transaction that rolls back', () => {
    const file = pgtapFile('public', 'tap', ['SELECT pass()', 'SELECT pass()']);
    expect(file.assertions).toBe(2);
    expect(file.sql).toMatch(/SELECT plan\(2\);[\s\S]*SELECT \* FROM finish\(\);\nROLLBACK;/);
  });

  it('runs its setup inside the transaction before the plan, without counting it as a test', () => {
    const file = pgtapFile(
      'public',
      'tap',
      ['SELECT pass()'],
      ['CREATE FUNCTION pg_temp.f() RETURNS int AS $$SELECT 1$$'],
    );
    expect(file.assertions).toBe(1);
    expect(file.sql).toMatch(/BEGIN;\n[^\n]*\nCREATE FUNCTION pg_temp\.f\(\)[^\n]*;\nSELECT plan\(1\);/);
  });

  it('asserts every table, column, foreign key definition and index of the newest release', () => {
    const { schema } = manifestForRelease();
    const assertions = structureAssertions('public', schema, []).join('\n');
    for (const table of schema.tables) {
      expect(assertions).toContain(`has_table('public', '${table.name}'`);
      for (const fk of table.foreignKeys) expect(assertions).toContain(fk.definition.replaceAll("'", "''"));
      for (const index of table.indexes) expect(assertions).toContain(`'${index.name} definition'`);
    }
  });

  it('records the probes iprs verify runs, refusals included, on a conforming database', async () => {
    const statements = await recordProbeStatements(databaseUrl, manifestForRelease().schema);
    const refusedWith = (code: string) =>
      statements.filter((statement) => !statement.outcome.ok && statement.outcome.code === code);
    expect(refusedWith('23514').length).toBeGreaterThan(10);
    expect(refusedWith('23503').length).toBeGreaterThan(5);
    expect(probeAssertions(statements).length).toBeGreaterThan(100);
    // The chained row inserts call temporary functions: the replay must create them first.
    expect(
      probeSetup(statements).map((definition) => /^CREATE FUNCTION (pg_temp\.\w+)\(/.exec(definition)?.[1]),
    ).toEqual(['pg_temp.iprs_probe_statement', 'pg_temp.iprs_probe_rows', 'pg_temp.iprs_probe_trials']);
    const assertions = probeAssertions(statements);
    expect(assertions.some((assertion) => assertion.includes('pg_temp.iprs_probe_rows('))).toBe(true);
    // The batch is replayed as the statements it stands for, one assertion each, as when they went one by one.
    expect(assertions.some((assertion) => assertion.includes('pg_temp.iprs_probe_trials('))).toBe(false);
    expect(
      assertions.filter((assertion) => /^SELECT lives_ok\(\$probe\$(UPDATE|DELETE) /.test(assertion)).length,
    ).toBeGreaterThan(20);
  });
});

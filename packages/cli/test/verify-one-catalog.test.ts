import { randomBytes } from 'node:crypto';
import { verifySchema, type VerificationReport } from '@iprs/conformance';
import { manifestForRelease } from '@iprs/schema';
import { readCatalogModel } from '@iprs/schema/catalog';
import { useEmptyDatabase, useMigratedDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkContractCheck } from '../src/verification/sdk-contract-check.js';
import { asSuperuser } from './login-role.js';
import { runIprs } from './run-iprs.js';

const sdkCheck = (report: VerificationReport) => report.checks.find((check) => check.id === 'extra/sdk-row-schemas');
const catalogFindings = (report: VerificationReport, object: string) =>
  report.checks
    .filter((check) => check.category === 'catalog')
    .flatMap((check) => check.findings)
    .filter((finding) => finding.object === object);

async function serverVersionOf(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query('SHOW server_version_num')).rows[0]?.server_version_num);
  } finally {
    await client.end();
  }
}

/** A role that may hold one connection at a time and read the tables, dropped after this file. */
async function useOneConnectionRole(databaseUrl: string): Promise<string> {
  const name = `iprs_one_connection_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await asSuperuser(
    databaseUrl,
    `CREATE ROLE ${name} LOGIN PASSWORD '${password}' CONNECTION LIMIT 1;
     GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${name}`,
  );
  afterAll(() => asSuperuser(databaseUrl, `DROP OWNED BY ${name}; DROP ROLE ${name}`));
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = password;
  return url.toString();
}

describe('iprs verify reads the catalog once and the SDK contract check judges that model', async () => {
  const databaseUrl = await useMigratedDatabase();
  const oneConnection = await useOneConnectionRole(databaseUrl);

  it('runs the SDK contract check without a second connection: verify passes as a role limited to one', async () => {
    const held = new pg.Client({ connectionString: oneConnection });
    await held.connect();
    const refused = await new pg.Client({ connectionString: oneConnection }).connect().catch((error: Error) => error);
    await held.end();
    expect(String(refused)).toMatch(/too many connections for role/);

    const report = await verifySchema(oneConnection, {
      probes: false,
      extraChecks: [sdkContractCheck({ strict: true })],
    });

    expect(sdkCheck(report)).toMatchObject({ status: 'passed', findings: [] });
  });

  it('reads nothing itself: it judges the model it is handed', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const model = await readCatalogModel(client).finally(() => client.end());
    const tables = model.snapshot.tables.filter((table) => table.name !== 'run');
    const withoutRun = { ...model, snapshot: { ...model.snapshot, tables } };

    const findings = await sdkContractCheck({ strict: false }).run({
      catalog: withoutRun.snapshot,
      model: withoutRun,
      manifest: manifestForRelease(),
    });

    expect(findings).toMatchObject([{ kind: 'missing', objectType: 'table', object: 'run' }]);
  });
});

describe('a NOT NULL left NOT VALID is nullable for every consumer of the model (PostgreSQL 18+)', async () => {
  const databaseUrl = await useMigratedDatabase();
  const serverVersion = await serverVersionOf(databaseUrl);

  it.skipIf(serverVersion < 180_000)('verify and the SDK contract check both call it nullable', async () => {
    await asSuperuser(
      databaseUrl,
      `ALTER TABLE instrument ALTER COLUMN name DROP NOT NULL;
       ALTER TABLE instrument ADD CONSTRAINT instrument_name_not_null NOT NULL name NOT VALID;
       ALTER TABLE run ADD CONSTRAINT run_created_by_not_null NOT NULL created_by NOT VALID`,
    );

    const extraChecks = [sdkContractCheck({ strict: true })];
    const report = await verifySchema(databaseUrl, { probes: false, extraChecks });

    expect(catalogFindings(report, 'instrument.name')).toMatchObject([
      { kind: 'different', property: 'notNull', expected: true, actual: false },
    ]);
    expect(sdkCheck(report)?.findings).toMatchObject([
      { object: 'instrument.name', property: 'nullability', expected: 'NOT NULL', actual: 'NULL allowed' },
    ]);
    expect(catalogFindings(report, 'run.created_by')).toEqual([]);
  });
});

describe('iprs migrate judges a pre-existing table as iprs verify does', async () => {
  const databaseUrl = await useEmptyDatabase();

  it('a default and a CHECK spelled otherwise are adopted by migrate and conform for verify', async () => {
    await asSuperuser(
      databaseUrl,
      `CREATE TABLE run (
         run_id text PRIMARY KEY, run_type text NOT NULL, as_of_date date NOT NULL,
         status text NOT NULL DEFAULT 'PENDING', market_snapshot_id text, config_json jsonb NOT NULL DEFAULT '{}',
         started_at timestamptz, completed_at timestamptz, created_by text,
         created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT run_run_type_check CHECK (run_type IN ('VALUATION', 'RISK', 'STRESS')),
         CONSTRAINT run_status_check
           CHECK (status = 'PENDING' OR status = 'RUNNING' OR status = 'COMPLETED' OR status = 'FAILED'),
         CONSTRAINT run_completed_after_started_check
           CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at))`,
    );

    const migrated = await runIprs(['migrate', '--to', '001', '--database-url', databaseUrl], { cwd: process.cwd() });
    expect(migrated.exitCode, migrated.stderr + migrated.stdout).toBe(0);
    expect(migrated.stdout).toContain('applied 001_');

    const report = await verifySchema(databaseUrl, { release: '001', probes: false, strict: true });
    expect(report.conforms).toBe(true);
    expect(catalogFindings(report, 'run.created_at')).toEqual([]);
    expect(catalogFindings(report, 'run_status_check')).toEqual([]);
  });
});

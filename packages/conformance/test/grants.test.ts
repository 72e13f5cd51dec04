import { applyGrants, iprsRoles, migrate } from '@iprs/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checkGrants, verifySchema, type CheckResult, type FindingKind } from '../src/index.js';
import { execute, provided, withClonedDatabase } from './support/databases.js';

const { migrator, writer, reader } = iprsRoles;

interface GrantMutation {
  readonly name: string;
  readonly sql: string;
  /** The grants check that must fail, and alone. */
  readonly check: string;
  readonly kind: FindingKind;
  /** The fix the finding must suggest. */
  readonly fix: RegExp;
  /** `iprs grants` repairs it unless this says how (a grant to PUBLIC is not the roles' to revoke). */
  readonly undo?: string;
}

// Each is applied alone to a database whose tables iprs_migrator created, then undone; together they cover every
// kind of grant the check knows: table privileges (missing, extra, the ledger's), the schema's, default privileges
// and ownership.
const mutations: readonly GrantMutation[] = [
  {
    name: 'reader lost SELECT',
    sql: `REVOKE SELECT ON fx_spot FROM ${reader}`,
    check: `grants/table/fx_spot/${reader}`,
    kind: 'missing',
    fix: /^GRANT SELECT ON public\.fx_spot TO iprs_reader;$/,
  },
  {
    name: 'reader got INSERT',
    sql: `GRANT INSERT ON "position" TO ${reader}`,
    check: `grants/table/position/${reader}`,
    kind: 'unexpected',
    fix: /^REVOKE INSERT ON public\."position" FROM iprs_reader;$/,
  },
  {
    name: 'writer lost UPDATE',
    sql: `REVOKE UPDATE ON ingestion_batch FROM ${writer}`,
    check: `grants/table/ingestion_batch/${writer}`,
    kind: 'missing',
    fix: /^GRANT UPDATE ON/,
  },
  {
    name: 'writer got TRUNCATE',
    sql: `GRANT TRUNCATE ON run TO ${writer}`,
    check: `grants/table/run/${writer}`,
    kind: 'unexpected',
    fix: /^REVOKE TRUNCATE ON public\.run FROM iprs_writer;$/,
  },
  {
    name: 'writer may write the ledger',
    sql: `GRANT INSERT ON iprs_schema_migrations TO ${writer}`,
    check: `grants/table/iprs_schema_migrations/${writer}`,
    kind: 'unexpected',
    fix: /^REVOKE INSERT ON/,
  },
  {
    name: 'PUBLIC got DELETE, so the reader has it too',
    sql: 'GRANT DELETE ON reference_data TO PUBLIC',
    check: `grants/table/reference_data/${reader}`,
    kind: 'unexpected',
    fix: /^REVOKE DELETE ON/,
    undo: 'REVOKE DELETE ON reference_data FROM PUBLIC',
  },
  {
    name: 'reader may create in the schema',
    sql: `GRANT CREATE ON SCHEMA public TO ${reader}`,
    check: `grants/schema/${reader}`,
    kind: 'unexpected',
    fix: /^REVOKE CREATE ON SCHEMA public FROM iprs_reader;$/,
  },
  {
    name: 'migrator may not create in the schema',
    sql: `REVOKE CREATE ON SCHEMA public FROM ${migrator}`,
    check: `grants/schema/${migrator}`,
    kind: 'missing',
    fix: /^GRANT CREATE ON SCHEMA public TO iprs_migrator;$/,
  },
  {
    name: 'future tables would not be readable',
    sql: `ALTER DEFAULT PRIVILEGES FOR ROLE ${migrator} IN SCHEMA public REVOKE SELECT ON TABLES FROM ${reader}`,
    check: `grants/default-privileges/${reader}`,
    kind: 'missing',
    fix: /^ALTER DEFAULT PRIVILEGES FOR ROLE iprs_migrator IN SCHEMA public GRANT SELECT ON TABLES TO iprs_reader;$/,
  },
  {
    name: 'future tables would be truncatable by the writer',
    sql: `ALTER DEFAULT PRIVILEGES FOR ROLE ${migrator} IN SCHEMA public GRANT TRUNCATE ON TABLES TO ${writer}`,
    check: `grants/default-privileges/${writer}`,
    kind: 'unexpected',
    fix: /REVOKE TRUNCATE ON TABLES FROM iprs_writer;$/,
    undo: `ALTER DEFAULT PRIVILEGES FOR ROLE ${migrator} IN SCHEMA public REVOKE TRUNCATE ON TABLES FROM ${writer}`,
  },
  {
    name: 'a table owned by another role',
    sql: 'ALTER TABLE portfolio_snapshot OWNER TO CURRENT_USER',
    check: 'grants/owner/portfolio_snapshot',
    kind: 'different',
    fix: /^ALTER TABLE public\.portfolio_snapshot OWNER TO iprs_migrator;$/,
    undo: `ALTER TABLE portfolio_snapshot OWNER TO ${migrator}`,
  },
];

const serverVersion = Number((await execute(provided().serverUrl, 'SHOW server_version_num'))[0]?.server_version_num);

function grantChecks(checks: readonly CheckResult[]): readonly CheckResult[] {
  return checks.filter((check) => check.category === 'grants');
}

/** A fresh database migrated by iprs_migrator, with the grants applied before and after (the documented order). */
async function withMigratorOwnedDatabase(work: (url: string) => Promise<void>): Promise<void> {
  await withClonedDatabase(async (url) => {
    await applyGrants(url);
    const asMigrator = new URL(url);
    asMigrator.searchParams.set('options', `-c role=${migrator}`);
    await migrate(asMigrator.toString());
    await applyGrants(url);
    await work(url);
  }, 'template0');
}

describe('verifySchema({ checkGrants: true })', () => {
  it('passes on a database set up as documented, and is only run when asked', async () => {
    await withMigratorOwnedDatabase(async (url) => {
      const report = await verifySchema(url, { checkGrants: true, probes: false });
      const grants = grantChecks(report.checks);
      expect(grants.filter((check) => check.status !== 'passed')).toEqual([]);
      // 3 roles, an owner and two data-role checks per table (release tables and the ledger), 3 schema, 2 default.
      const tables = report.checks.filter((check) => check.id.startsWith('catalog/table/')).length + 1;
      expect(grants).toHaveLength(3 + tables * 3 + 3 + 2);
      expect(report.options.grants).toBe(true);
      expect(report.conforms).toBe(true);
      expect(grantChecks((await verifySchema(url, { probes: false })).checks)).toEqual([]);
    });
  });

  it('a table a later release creates as iprs_migrator is usable by the writer and reader without re-running grants', async () => {
    await withMigratorOwnedDatabase(async (url) => {
      await execute(url, `SET ROLE ${migrator}; CREATE TABLE later_release (id text PRIMARY KEY)`);
      const [privileges] = await execute(
        url,
        `SELECT array(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p
                       WHERE has_table_privilege('${writer}', 'later_release', p)) AS writer,
                array(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p
                       WHERE has_table_privilege('${reader}', 'later_release', p)) AS reader`,
      );
      expect(privileges).toEqual({ writer: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], reader: ['SELECT'] });
    });
  });

  it('catches each missing and each extra privilege, naming the role and the fix; iprs grants repairs it', async () => {
    await withMigratorOwnedDatabase(async (url) => {
      for (const mutation of mutations) {
        await execute(url, mutation.sql);
        const report = await verifySchema(url, { checkGrants: true, probes: false });
        const failed = grantChecks(report.checks).filter((check) => check.status !== 'passed');
        expect(
          failed.map((check) => check.id),
          mutation.name,
        ).toEqual([mutation.check]);
        const finding = failed[0]?.findings[0];
        expect(failed[0]?.status, mutation.name).toBe('failed');
        expect(finding?.kind, mutation.name).toBe(mutation.kind);
        expect(finding?.fix, mutation.name).toMatch(mutation.fix);
        expect(report.conforms, mutation.name).toBe(false);

        if (mutation.undo) await execute(url, mutation.undo);
        else await applyGrants(url);
        const repaired = await verifySchema(url, { checkGrants: true, probes: false });
        expect(
          grantChecks(repaired.checks).filter((check) => check.status !== 'passed'),
          mutation.name,
        ).toEqual([]);
      }
    });
  });

  it('on a database migrated by another role, every table is reported with ALTER TABLE … OWNER TO iprs_migrator', async () => {
    await withClonedDatabase(async (url) => {
      await applyGrants(url);
      const report = await verifySchema(url, { checkGrants: true, probes: false });
      const failed = grantChecks(report.checks).filter((check) => check.status === 'failed');
      expect(failed.length).toBeGreaterThan(10);
      expect(failed.every((check) => check.id.startsWith('grants/owner/'))).toBe(true);
      for (const check of failed) await execute(url, check.findings[0]?.fix ?? '');
      const fixed = await verifySchema(url, { checkGrants: true, probes: false });
      expect(grantChecks(fixed.checks).filter((check) => check.status !== 'passed')).toEqual([]);
    });
  });

  // MAINTAIN exists from PostgreSQL 17 on: skipped by name on older servers, never passed silently.
  it.skipIf(serverVersion < 170_000)(
    'a writer or reader with MAINTAIN fails, and iprs grants revokes it (PostgreSQL 17+ only)',
    async () => {
      await withMigratorOwnedDatabase(async (url) => {
        await execute(url, `GRANT MAINTAIN ON run TO ${writer}; GRANT MAINTAIN ON fx_spot TO ${reader}`);
        const report = await verifySchema(url, { checkGrants: true, probes: false });
        const failed = grantChecks(report.checks).filter((check) => check.status !== 'passed');
        expect(failed.map((check) => check.id).sort()).toEqual([
          `grants/table/fx_spot/${reader}`,
          `grants/table/run/${writer}`,
        ]);
        expect(failed.flatMap((check) => check.findings.map((finding) => finding.fix)).sort()).toEqual([
          `REVOKE MAINTAIN ON public.fx_spot FROM ${reader};`,
          `REVOKE MAINTAIN ON public.run FROM ${writer};`,
        ]);
        await applyGrants(url);
        const repaired = await verifySchema(url, { checkGrants: true, probes: false });
        expect(grantChecks(repaired.checks).filter((check) => check.status !== 'passed')).toEqual([]);
      });
    },
  );

  it('four applyGrants at once on one database all succeed and leave it right', async () => {
    await withMigratorOwnedDatabase(async (url) => {
      await execute(url, `GRANT TRUNCATE ON run TO ${writer}`);
      const results = await Promise.all(Array.from({ length: 4 }, () => applyGrants(url)));
      expect(results.map((result) => result.schema)).toEqual(['public', 'public', 'public', 'public']);
      const report = await verifySchema(url, { checkGrants: true, probes: false });
      expect(grantChecks(report.checks).filter((check) => check.status !== 'passed')).toEqual([]);
    });
  });

  it('works on a schema whose name needs quoting, and leaves other schemas alone', async () => {
    await withClonedDatabase(async (url) => {
      await execute(
        url,
        'CREATE SCHEMA "Risk Data"; CREATE TABLE "Risk Data".t (id int); CREATE TABLE public.other (id int)',
      );
      expect((await applyGrants(url, { schema: 'Risk Data' })).schema).toBe('Risk Data');
      const [privileges] = await execute(
        url,
        `SELECT has_table_privilege('${reader}', '"Risk Data".t', 'SELECT') AS quoted,
                has_table_privilege('${reader}', 'public.other', 'SELECT') AS other,
                has_schema_privilege('${migrator}', 'Risk Data', 'CREATE') AS migrator_creates`,
      );
      expect(privileges).toEqual({ quoted: true, other: false, migrator_creates: true });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const checks = await checkGrants(client, { schema: 'Risk Data', tables: ['t'] });
        // t is owned by the superuser that created it: only its owner check fails.
        expect(checks.filter((check) => check.status !== 'passed').map((check) => check.id)).toEqual([
          'grants/owner/t',
        ]);
        expect(checks.find((check) => check.id === 'grants/owner/t')?.findings[0]?.fix).toBe(
          'ALTER TABLE "Risk Data".t OWNER TO iprs_migrator;',
        );
      } finally {
        await client.end();
      }
    }, 'template0');
  });

  it('a missing role fails its check naming iprs grants, and the privilege checks are skipped, not passed', async () => {
    await withMigratorOwnedDatabase(async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // Roles are cluster-wide and shared by every test: the rename is seen only inside this rolled-back transaction.
        await client.query(`BEGIN; ALTER ROLE ${reader} RENAME TO iprs_reader_renamed_by_test`);
        const grants = await checkGrants(client, { schema: 'public', tables: ['position'] });
        await client.query('ROLLBACK');
        expect(grants.map((check) => [check.id, check.status])).toEqual([
          [`grants/role/${migrator}`, 'passed'],
          [`grants/role/${writer}`, 'passed'],
          [`grants/role/${reader}`, 'failed'],
          ['grants/privileges', 'skipped'],
        ]);
        expect(grants[2]?.findings[0]?.message).toBe(`role ${reader} does not exist; run iprs grants`);
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end();
      }
    });
  });

  it('grants applied twice change nothing', async () => {
    await withMigratorOwnedDatabase(async (url) => {
      const acl = `SELECT json_agg(json_build_array(relname, relacl) ORDER BY relname)::text AS tables,
                          (SELECT json_agg(defaclacl ORDER BY defaclobjtype)::text FROM pg_default_acl) AS defaults,
                          (SELECT nspacl::text FROM pg_namespace WHERE nspname = 'public') AS schema
                     FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`;
      const before = await execute(url, acl);
      const second = await applyGrants(url);
      expect(second.createdRoles).toEqual([]);
      expect(await execute(url, acl)).toEqual(before);
    });
  });
});

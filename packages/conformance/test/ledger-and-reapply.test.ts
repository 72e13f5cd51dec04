import { manifestForRelease, migrate, migrations, type Migration } from '@iprs/schema';
import { describe, expect, it } from 'vitest';
import { checkLedger, verifySchema } from '../src/index.js';
import { execute, withClonedDatabase } from './support/databases.js';

const newest = manifestForRelease().release;
const entries = migrations.map(({ version, name, checksum }) => ({ version, name, checksum }));
const failedFindings = (checks: ReturnType<typeof checkLedger>) =>
  checks.filter((check) => check.status === 'failed').flatMap((check) => check.findings);

describe('migration ledger check', () => {
  it('passes when every shipped migration is applied with its checksum', () => {
    expect(failedFindings(checkLedger(migrations, newest, entries))).toEqual([]);
  });

  it('names a migration applied with another checksum, with both checksums', () => {
    const tampered = entries.map((entry) => (entry.version === '001' ? { ...entry, checksum: 'f'.repeat(64) } : entry));
    const [finding] = failedFindings(checkLedger(migrations, newest, tampered));
    expect(finding).toMatchObject({
      kind: 'different',
      object: '001_mvp_core.sql',
      property: 'checksum',
      actual: 'f'.repeat(64),
    });
    expect(finding?.expected).toBe(migrations[0]?.checksum);
    expect(finding?.message).toContain(migrations[0]?.checksum);
  });

  it('names a shipped migration that is not applied, and a missing ledger', () => {
    const missing = failedFindings(checkLedger(migrations, newest, entries.slice(0, -1)));
    expect(missing.map((finding) => [finding.kind, finding.object])).toEqual([
      ['missing', migrations.at(-1)?.filename],
    ]);
    const noLedger = failedFindings(checkLedger(migrations, newest, null));
    expect(noLedger).toHaveLength(migrations.length);
    expect(noLedger[0]?.message).toContain('does not exist');
  });

  it('refuses unknown versions and versions beyond the verified release', () => {
    const unknown = failedFindings(
      checkLedger(migrations, newest, [...entries, { version: '999', name: 'x', checksum: 'a'.repeat(64) }]),
    );
    expect(unknown.map((finding) => [finding.kind, finding.object])).toEqual([['unexpected', '999_x']]);
    const ahead = failedFindings(checkLedger(migrations, '002', entries));
    expect(ahead.map((finding) => finding.object)).toEqual(
      migrations
        .filter((migration) => Number(migration.version) > 2)
        .map((migration) => `${migration.version}_${migration.name}`),
    );
    expect(ahead[0]?.message).toContain('after 002');
  });
});

describe('verifying an older release', () => {
  it('a database migrated only to 002 conforms to release 002 and not to 003', async () => {
    await withClonedDatabase(async (url) => {
      await migrate(url, { to: '002' });
      const release002 = await verifySchema(url, { release: '2', strict: true, reapply: true });
      expect(release002.checks.flatMap((check) => check.findings)).toEqual([]);
      expect(release002.release).toBe('002');
      const release003 = await verifySchema(url, { probes: false });
      expect(release003.conforms).toBe(false);
      const objects = release003.checks.flatMap((check) => check.findings).map((finding) => finding.object);
      expect(objects).toEqual(
        expect.arrayContaining(['position_portfolio_node_id_base_ccy_active_idx', '003_rollup_indexes.sql']),
      );
    }, 'template0');
  });
});

describe('--reapply', () => {
  const withFile = (migration: Migration, sql: string): Migration => ({ ...migration, sql });
  const last = migrations.at(-1) as Migration;

  it('proves re-running every migration changes nothing', async () => {
    await withClonedDatabase(async (url) => {
      const report = await verifySchema(url, { reapply: true, probes: false });
      const reapply = report.checks.filter((check) => check.category === 'reapply');
      expect(reapply.map((check) => check.id)).toEqual(migrations.map((migration) => `reapply/${migration.version}`));
      expect(reapply.every((check) => check.status === 'passed')).toBe(true);
    });
  });

  it('reports a migration whose re-run would change the catalog or rows, and leaves neither changed', async () => {
    await withClonedDatabase(async (url) => {
      await execute(url, "INSERT INTO run (run_id, run_type, as_of_date) VALUES ('r1', 'RISK', '2026-01-01')");
      const notIdempotent = withFile(
        last,
        `BEGIN;
         CREATE INDEX IF NOT EXISTS run_created_by_idx ON run (created_by);
         UPDATE run SET created_by = 'reapply';
         COMMIT;`,
      );
      const report = await verifySchema(url, {
        reapply: true,
        probes: false,
        migrations: [...migrations.slice(0, -1), notIdempotent],
      });
      const check = report.checks.find((candidate) => candidate.id === `reapply/${last.version}`);
      expect(check?.status).toBe('failed');
      expect(check?.findings.map((finding) => [finding.kind, finding.object])).toEqual([
        ['unexpected', 'run_created_by_idx'],
        ['different', 'run'],
      ]);
      expect(await execute(url, 'SELECT created_by FROM run')).toEqual([{ created_by: null }]);
      expect(await execute(url, "SELECT to_regclass('run_created_by_idx') AS index")).toEqual([{ index: null }]);
    });
  });

  it('reports a migration that fails when run again', async () => {
    await withClonedDatabase(async (url) => {
      const unguarded = withFile(last, 'BEGIN;\nCREATE TABLE run (run_id text);\nCOMMIT;\n');
      const report = await verifySchema(url, {
        reapply: true,
        probes: false,
        migrations: [...migrations.slice(0, -1), unguarded],
      });
      const check = report.checks.find((candidate) => candidate.id === `reapply/${last.version}`);
      expect(check?.status).toBe('failed');
      expect(check?.findings[0]?.message).toMatch(/re-applying .* failed: relation "run" already exists/);
    });
  });
});

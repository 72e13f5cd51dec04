import { extractMigrationBody, type Migration } from '@iprs/schema';
import pg from 'pg';
import { readCatalog } from '@iprs/schema/catalog';
import { compareSchema } from '../compare/compare-schema.js';
import { checkResult, skippedCheck, type CheckResult } from '../report/check-result.js';
import type { Finding } from '../report/finding.js';
import { describeRejection, isTimeout } from '../probes/database-error.js';

export interface ReapplyOptions {
  readonly schema?: string;
  /** How long re-applying may wait for a table lock before the check is skipped; default 1000 ms. */
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
}

/**
 * Runs every migration file again inside one transaction that always rolls back, each in a savepoint, and proves
 * that none of them changes the catalog or any row: the idempotency the spec demands, checked on a live database.
 * Row changes are read from pg_stat_xact_user_tables, which counts this transaction's inserts, updates and deletes.
 */
export async function checkReapply(
  client: pg.ClientBase,
  migrations: readonly Migration[],
  options: ReapplyOptions = {},
): Promise<CheckResult[]> {
  const schema = options.schema ?? 'public';
  await client.query(
    [
      'BEGIN',
      `SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(options.lockTimeoutMs ?? 1000))}`,
      `SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(options.statementTimeoutMs ?? 30_000))}`,
      `SET LOCAL search_path = ${pg.escapeIdentifier(schema)}`,
    ].join('; '),
  );
  const results: CheckResult[] = [];
  try {
    let before = await readCatalog(client, { schema, insideTransaction: true });
    let rowsBefore = await rowChangeCounts(client);
    for (const migration of migrations) {
      const id = `reapply/${migration.version}`;
      const title = `re-applying ${migration.filename} changes nothing`;
      await client.query('SAVEPOINT iprs_reapply');
      try {
        await client.query(extractMigrationBody(migration));
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT iprs_reapply');
        if (isTimeout(error)) {
          results.push(skippedCheck(id, 'reapply', title, `the database was busy: ${describeRejection(error)}`));
          continue;
        }
        results.push(checkResult(id, 'reapply', title, [failedFinding(migration, describeRejection(error))]));
        continue;
      }
      const after = await readCatalog(client, { schema, insideTransaction: true });
      const changes = compareSchema(before, after, { strict: true }).flatMap((check) => check.findings);
      const rowsAfter = await rowChangeCounts(client);
      const rowChanges = rowChangeFindings(migration, rowsBefore, rowsAfter);
      results.push(
        checkResult(id, 'reapply', title, [
          ...changes.map((finding) => asReapplyFinding(migration, finding)),
          ...rowChanges,
        ]),
      );
      before = after;
      rowsBefore = rowsAfter;
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return results;
}

function failedFinding(migration: Migration, reason: string): Finding {
  return {
    kind: 'different',
    severity: 'error',
    objectType: 'migration',
    object: migration.filename,
    table: null,
    property: 'reapply',
    expected: 'runs again without error',
    actual: reason,
    message: `re-applying ${migration.filename} failed: ${reason}`,
    fix: null,
  };
}

function asReapplyFinding(migration: Migration, finding: Finding): Finding {
  return {
    ...finding,
    message: `re-applying ${migration.filename} changed the catalog: ${finding.message}`,
    fix: null,
  };
}

interface RowChangeCount {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

/** This transaction's inserted, updated and deleted row counts per table so far. */
async function rowChangeCounts(client: pg.ClientBase): Promise<ReadonlyMap<string, RowChangeCount>> {
  const { rows } = await client.query<{ table: string; inserted: string; updated: string; deleted: string }>(
    `SELECT relname AS table, n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_del AS deleted
       FROM pg_stat_xact_user_tables
      WHERE n_tup_ins + n_tup_upd + n_tup_del > 0`,
  );
  return new Map(
    rows.map((row) => [
      row.table,
      { inserted: Number(row.inserted), updated: Number(row.updated), deleted: Number(row.deleted) },
    ]),
  );
}

function rowChangeFindings(
  migration: Migration,
  before: ReadonlyMap<string, RowChangeCount>,
  after: ReadonlyMap<string, RowChangeCount>,
): Finding[] {
  return [...after]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([table, count]): Finding[] => {
      const previous = before.get(table) ?? { inserted: 0, updated: 0, deleted: 0 };
      const inserted = count.inserted - previous.inserted;
      const updated = count.updated - previous.updated;
      const deleted = count.deleted - previous.deleted;
      if (inserted + updated + deleted === 0) return [];
      const actual = `${inserted} inserted, ${updated} updated, ${deleted} deleted`;
      return [
        {
          kind: 'different',
          severity: 'error',
          objectType: 'table',
          object: table,
          table: null,
          property: 'rows',
          expected: 'no rows inserted, updated or deleted',
          actual,
          message: `re-applying ${migration.filename} changed rows of ${table}: ${actual}`,
          fix: null,
        },
      ];
    });
}

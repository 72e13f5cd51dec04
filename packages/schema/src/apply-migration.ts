import type pg from 'pg';
import { MigrationFailedError, type SqlErrorLocation } from './errors/migration-failed-error.js';
import { MigrationShapeMismatchError } from './errors/migration-shape-mismatch-error.js';
import type { LedgerLocation } from './ledger/ledger-location.js';
import type { Migration } from './migration.js';
import { checkReleaseShape } from './release-shape/check-release-shape.js';
import type { SameExpression } from './release-shape/same-expression.js';

interface PostgresErrorFields {
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

/**
 * Runs one migration body, checks the tables it leaves against its release's manifest, and writes its ledger row in a
 * single transaction, so either all is kept or nothing is.
 * `body` is the file with its own BEGIN;/COMMIT; blanked (see extractMigrationBody). Resolves to the body's run time.
 */
export async function applyMigration(
  client: pg.Client,
  migration: Migration,
  body: string,
  {
    appliedBy,
    checkShape,
    ledger,
    loadSameExpression,
  }: {
    readonly appliedBy: string | undefined;
    readonly checkShape: boolean;
    readonly ledger: LedgerLocation;
    readonly loadSameExpression: (() => Promise<SameExpression>) | undefined;
  },
): Promise<number> {
  await client.query('BEGIN');
  let bodyFinished = false;
  try {
    const started = performance.now();
    await client.query(body);
    bodyFinished = true;
    const executionMs = Math.round(performance.now() - started);
    // The ledger lives in current_schema(), the schema the migrations create their tables in.
    if (checkShape && ledger.schema !== null) {
      await checkReleaseShape(client, migration, ledger.schema, loadSameExpression);
    }
    await client.query(
      `INSERT INTO ${ledger.table} (version, name, checksum, applied_by, execution_ms)
       VALUES ($1, $2, $3, coalesce($4, session_user), $5)`,
      [migration.version, migration.name, migration.checksum, appliedBy ?? null, executionMs],
    );
    await client.query('COMMIT');
    return executionMs;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof MigrationShapeMismatchError) throw error;
    const fields = error as PostgresErrorFields;
    throw new MigrationFailedError(
      {
        version: migration.version,
        filename: migration.filename,
        sqlState: fields.code,
        // Positions index into the statement text; only the body's text lines up with the file.
        location: bodyFinished ? undefined : locate(migration.sql, fields.position),
        detail: fields.detail,
        hint: fields.hint,
        where: fields.where,
      },
      { cause: error },
    );
  }
}

function locate(sql: string, position: string | undefined): SqlErrorLocation | undefined {
  const offset = Number(position) - 1;
  if (!Number.isInteger(offset) || offset < 0 || offset > sql.length) return undefined;
  const before = sql.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

import { MigrationSourceError } from './errors/migration-source-error.js';
import type { Migration } from './migration.js';
import { scanSqlStatements } from './scan-sql-statements.js';

const openingStatement = /^(?:BEGIN(?:\s+(?:WORK|TRANSACTION))?|START\s+TRANSACTION)$/i;
const closingStatement = /^COMMIT(?:\s+(?:WORK|TRANSACTION))?$/i;
// END is left out on purpose: it also closes `BEGIN ATOMIC … END` function bodies, which are not transaction control.
const transactionControl = /^(?:BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK(?!\s+TO\b)|ABORT|PREPARE\s+TRANSACTION)\b/i;

/**
 * Returns the migration's SQL with its own outer `BEGIN;` and `COMMIT;` blanked out, so the runner can execute the
 * body inside a transaction that also writes the ledger row. Blanking (rather than cutting) keeps every character at
 * its offset, so positions in PostgreSQL errors point into the file as written.
 * Refuses files without exactly that wrapper, or with transaction control in between that would end the
 * runner's transaction early.
 */
export function extractMigrationBody(migration: Migration): string {
  const statements = scanSqlStatements(migration.sql).map((statement) => ({
    ...statement,
    keyword: withoutComments(statement.text),
  }));
  const first = statements[0];
  const last = statements.at(-1);
  if (!first || !last || first === last || !openingStatement.test(first.keyword)) {
    throw new MigrationSourceError(
      migration.filename,
      'a migration file must start with BEGIN; and end with COMMIT; (so it runs in one transaction with psql -f too)',
    );
  }
  if (!closingStatement.test(last.keyword) || migration.sql[last.end - 1] !== ';') {
    throw new MigrationSourceError(
      migration.filename,
      `a migration file must end with COMMIT; (found "${abbreviate(last.keyword)}" as its last statement)`,
    );
  }
  const inner = statements.slice(1, -1).find((statement) => transactionControl.test(statement.keyword));
  if (inner) {
    throw new MigrationSourceError(
      migration.filename,
      `transaction control inside the BEGIN; … COMMIT; wrapper is not allowed ("${abbreviate(inner.keyword)}" at line ${lineOf(migration.sql, inner.start)})`,
    );
  }
  return blank(blank(migration.sql, first.start, first.end), last.start, last.end);
}

function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function blank(sql: string, from: number, to: number): string {
  return sql.slice(0, from) + sql.slice(from, to).replace(/[^\n]/g, ' ') + sql.slice(to);
}

function lineOf(sql: string, offset: number): number {
  return sql.slice(0, offset).split('\n').length;
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

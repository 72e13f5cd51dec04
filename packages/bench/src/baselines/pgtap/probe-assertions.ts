import { literal } from './sql-literal.js';
import type { RecordedStatement } from './record-probe-statements.js';

/** Savepoints would roll back pgTAP's own bookkeeping; each pgTAP assertion runs in a subtransaction anyway. */
const transactionControl = /^\s*(BEGIN|ROLLBACK|RELEASE|SAVEPOINT|SET\s)/i;

/** The statement with its parameters written in as literals (they are all text or NULL). */
function inline(statement: RecordedStatement): string {
  return statement.text.replace(/\$(\d+)/g, (placeholder, index: string) => {
    const value = statement.values[Number(index) - 1];
    if (value === undefined)
      throw new RangeError(`statement has ${placeholder} but only ${statement.values.length} parameters`);
    return value === null ? 'NULL' : literal(value);
  });
}

function dollarQuoted(sql: string): string {
  if (sql.includes('$probe$')) throw new Error('a probe statement contains the $probe$ quote tag');
  return `$probe$${sql}$probe$`;
}

/** `CREATE FUNCTION pg_temp.…` through the end of its dollar-quoted body. */
const temporaryFunction = /CREATE (?:OR REPLACE )?FUNCTION pg_temp\.[\s\S]*?(\$\w*\$)[\s\S]*?\1/g;

/**
 * The temporary functions the probes create while they set up their transaction (the chained row inserts call one),
 * which the replay needs in its own session before its first assertion: the setup statement itself is left out, as
 * transaction control.
 */
export function probeSetup(statements: readonly RecordedStatement[]): string[] {
  return statements
    .filter((statement) => transactionControl.test(statement.text))
    .flatMap((statement) => statement.text.match(temporaryFunction) ?? []);
}

/**
 * pgTAP assertions replaying the recorded probe statements: a statement that was refused must be refused with the same
 * SQLSTATE and message (which names the constraint); one that succeeded must succeed; a SELECT that inspected the
 * outcome must return as many rows as it did.
 */
export function probeAssertions(statements: readonly RecordedStatement[]): string[] {
  return statements
    .filter((statement) => !transactionControl.test(statement.text))
    .map((statement, index) => {
      const sql = inline(statement).trim();
      const description = literal(`probe statement ${index + 1}`);
      if (!statement.outcome.ok) {
        return `SELECT throws_ok(${dollarQuoted(sql)}, ${literal(statement.outcome.code)}, ${literal(statement.outcome.message)}, ${description})`;
      }
      if (/^(SELECT|WITH)\b/i.test(sql)) {
        return `SELECT is((SELECT count(*)::int FROM (${sql}) AS probe_rows), ${statement.outcome.rowCount}, ${description})`;
      }
      return `SELECT lives_ok(${dollarQuoted(sql)}, ${description})`;
    });
}

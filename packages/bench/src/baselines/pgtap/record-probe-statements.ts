import { runProbes } from '@iprs/conformance';
import type { SchemaSnapshot } from '@iprs/schema';
import pg from 'pg';
import { BenchError } from '../../errors/bench-error.js';
import { expandProbeCall } from './expand-probe-calls.js';

const savepointsAhead = /^(?:(?:SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT) \w+;\n)+/;

type StatementOutcome =
  | { readonly ok: true; readonly rowCount: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface RecordedStatement {
  readonly text: string;
  readonly values: readonly (string | null)[];
  readonly outcome: StatementOutcome;
}

/**
 * Runs the very probes `iprs verify` runs (planned from the same manifest, rolled back at the end) and records every
 * statement they send with its outcome, so the pgTAP file can assert the same behaviour statement for statement (a call
 * that batched several statements is recorded as the statements it stands for).
 * Refuses a database where a probe does not pass: the pgTAP file is meant to pass on a conforming database.
 */
export async function recordProbeStatements(
  databaseUrl: string,
  manifest: SchemaSnapshot,
): Promise<RecordedStatement[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const recorded: RecordedStatement[] = [];
  const query = async (sent: string, values: readonly (string | null)[] = []) => {
    // The probes send their savepoint bookkeeping ahead of a statement in the same text: the statement is what is left.
    const text = sent.replace(savepointsAhead, '');
    try {
      const result = await client.query(sent, [...values]);
      // A multi-statement text yields one result per statement; the last is the statement's own.
      const own = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
      const expanded = expandProbeCall(text, Object.values(own.rows[0] ?? {})[0] ?? null);
      if (expanded) recorded.push(...expanded.map((statement) => ({ ...statement, values: [] })));
      else recorded.push({ text, values, outcome: { ok: true, rowCount: own.rows.length } });
      return result;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      recorded.push({ text, values, outcome: { ok: false, code: code ?? '', message: message ?? '' } });
      throw error;
    }
  };
  const recorder = new Proxy(client, {
    get: (target, property, receiver) => (property === 'query' ? query : Reflect.get(target, property, receiver)),
  });
  try {
    const results = await runProbes(recorder, manifest);
    const failed = results.filter((result) => result.status !== 'passed');
    if (failed.length > 0) {
      throw new BenchError(
        `the verify database does not pass its own probes: ${failed.map((result) => result.id).join(', ')}`,
      );
    }
    return recorded;
  } finally {
    await client.end();
  }
}

import { runProbes } from '@iprs/conformance';
import type { SchemaSnapshot } from '@iprs/schema';
import pg from 'pg';
import { BenchError } from '../../errors/bench-error.js';

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
 * statement they send with its outcome, so the pgTAP file can assert the same behaviour statement for statement.
 * Refuses a database where a probe does not pass: the pgTAP file is meant to pass on a conforming database.
 */
export async function recordProbeStatements(databaseUrl: string, manifest: SchemaSnapshot): Promise<RecordedStatement[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const recorded: RecordedStatement[] = [];
  const query = async (text: string, values: readonly (string | null)[] = []) => {
    try {
      const result = await client.query(text, [...values]);
      // A multi-statement text (only transaction control here) yields one result per statement.
      const rowCount = Array.isArray(result) ? 0 : result.rows.length;
      recorded.push({ text, values, outcome: { ok: true, rowCount } });
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
      throw new BenchError(`the verify database does not pass its own probes: ${failed.map((result) => result.id).join(', ')}`);
    }
    return recorded;
  } finally {
    await client.end();
  }
}

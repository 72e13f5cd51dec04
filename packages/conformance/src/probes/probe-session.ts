import type pg from 'pg';

/**
 * The probe transaction's connection. Savepoint bookkeeping (which cannot fail while the transaction lives) is queued
 * and sent ahead of the next statement in one simple-query string, so a probe costs one round trip per statement of
 * its own instead of three or four. Statements carry their values as literals for that reason: a simple query has no
 * bind parameters. A rejection is the statement's own, because the bookkeeping ahead of it does not fail.
 */
export class ProbeSession {
  readonly #client: pg.ClientBase;
  #pending: string[] = [];

  constructor(client: pg.ClientBase) {
    this.#client = client;
  }

  /** Queues statements (SAVEPOINT, RELEASE, ROLLBACK TO) to run just before the next one sent. */
  later(...statements: string[]): void {
    this.#pending.push(...statements);
  }

  /** Runs what is queued, then `statement`, in one round trip; resolves to the result of `statement`. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(statement: string): Promise<pg.QueryResult<R>> {
    const text = [...this.#pending, statement].join(';\n');
    this.#pending = [];
    // A multi-statement query resolves to one result per statement.
    const result = (await this.#client.query<R>(text)) as pg.QueryResult<R> | pg.QueryResult<R>[];
    return Array.isArray(result) ? (result.at(-1) as pg.QueryResult<R>) : result;
  }

  /** Runs what is queued now, so that its failure is seen here. */
  async flush(): Promise<void> {
    const last = this.#pending.pop();
    if (last !== undefined) await this.query(last);
  }
}

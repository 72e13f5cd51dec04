import type pg from 'pg';
import { databaseError } from './database-error.js';
import { ProbeTransactionLostError } from './probe-transaction-lost-error.js';

/**
 * The probe transaction's connection. Savepoint bookkeeping (which cannot fail while the transaction lives) is queued
 * and sent ahead of the next statement in one simple-query string, so a probe costs one round trip per statement of
 * its own instead of three or four, and going back to the savepoint after a probe rides along with the next probe's
 * first statement. Statements carry their values as literals for that reason: a simple query has no bind parameters.
 * A rejection is the statement's own, because the bookkeeping ahead of it does not fail; when it does (the connection
 * or the transaction is gone), the query rejects with ProbeTransactionLostError.
 */
export class ProbeSession {
  readonly #client: pg.ClientBase;
  #pending: string[] = [];
  #probeEnded = false;

  constructor(client: pg.ClientBase) {
    this.#client = client;
  }

  /** Queues statements (SAVEPOINT, RELEASE, ROLLBACK TO) to run just before the next one sent. */
  later(...statements: string[]): void {
    this.#pending.push(...statements);
  }

  /** Queues the statement that ends a probe (ROLLBACK TO the savepoint before it), sent with the next probe's first. */
  endProbe(statement: string): void {
    this.#pending.push(statement);
    this.#probeEnded = true;
  }

  /** Runs what is queued, then `statement`, in one round trip; resolves to the result of `statement`. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(statement: string): Promise<pg.QueryResult<R>> {
    const text = [...this.#pending, statement].join(';\n');
    const afterProbeEnd = this.#probeEnded;
    this.#pending = [];
    this.#probeEnded = false;
    let result: pg.QueryResult<R> | pg.QueryResult<R>[];
    try {
      // A multi-statement query resolves to one result per statement.
      result = (await this.#client.query<R>(text)) as pg.QueryResult<R> | pg.QueryResult<R>[];
    } catch (error) {
      if (afterProbeEnd && transactionLost(error)) throw new ProbeTransactionLostError(error);
      throw error;
    }
    return Array.isArray(result) ? (result.at(-1) as pg.QueryResult<R>) : result;
  }
}

/**
 * What only a dead connection or transaction answers (no SQLSTATE: the client's own connection error; class 08,
 * connection exception; 57P, the server shutting down; a savepoint or transaction that is gone), never a statement's
 * verdict on the rows it was given.
 */
function transactionLost(error: unknown): boolean {
  const code = databaseError(error)?.code;
  return code === undefined || code.startsWith('08') || code.startsWith('57P') || code === '3B001' || code === '25P02';
}

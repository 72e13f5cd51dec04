import { sql, type DatabasePoolConnection } from 'slonik';
import { ConnectionError } from '../errors/connection-error.js';
import { ConnectionLostError } from '../errors/connection-lost-error.js';
import { IprsError } from '../errors/iprs-error.js';
import type { IprsPool } from './bounded-pool.js';
import { isReadOnlyStatement } from './read-only-statement.js';
import type { MonitoredReplica, ReplicaMonitor } from './replica-monitor.js';

export interface ReadRoutingOptions {
  readonly readYourWrites: boolean;
  readonly readYourWritesTimeoutMs: number;
}

type Routine<T> = (connection: DatabasePoolConnection) => Promise<T>;

const READ_ONLY_SQL_TRANSACTION = '25006';
const CATCH_UP_POLL_MS = 10;

const lastWritePosition = sql.unsafe`SELECT pg_current_wal_insert_lsn()::text`;
const replayedPast = (lsn: string) => sql.unsafe`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn`;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Nothing reached the replica's server, or it refused a statement that writes: safe to run it on the primary. */
const primaryMayRunIt = (error: unknown): boolean =>
  (error instanceof ConnectionError && !(error instanceof ConnectionLostError)) ||
  (IprsError.isInstance(error) && error.code === READ_ONLY_SQL_TRANSACTION);

/**
 * The pool callers use when replicas are configured: read-only statements (by their text, see isReadOnlyStatement)
 * and read transactions go to an eligible replica, round robin; everything else — writes, transactions, `connect`,
 * statements that might write — to the primary. No call that reached a server is sent again, except a statement the
 * standby refused as a write (25006), which changed nothing there.
 */
export const createRoutedPool = (primary: IprsPool, monitor: ReplicaMonitor, options: ReadRoutingOptions): IprsPool => {
  let readsOnPrimary = 0;
  // The primary's WAL insert position after this pool's last write: a commit acknowledged to us ends before it.
  let lastWrite: string | null = null;

  const onPrimary = <T>(routine: Routine<T>): Promise<T> => {
    readsOnPrimary += 1;
    return primary.connect(routine);
  };

  // Only a write that succeeded is recorded: one that failed has no outcome to read, and asking a primary that just
  // died for its position would hold the caller's error back for up to failoverTimeoutMs.
  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    const result = await call();
    if (options.readYourWrites) {
      const position = await primary.oneFirst(lastWritePosition).catch(() => null);
      if (position !== null) lastWrite = String(position);
    }
    return result;
  };

  const caughtUp = async (connection: DatabasePoolConnection, lsn: string): Promise<boolean> => {
    const deadline = Date.now() + options.readYourWritesTimeoutMs;
    for (;;) {
      if ((await connection.oneFirst(replayedPast(lsn))) === true) return true;
      if (Date.now() + CATCH_UP_POLL_MS > deadline) return false;
      await pause(CATCH_UP_POLL_MS);
    }
  };

  const onReplica = async <T>(
    replica: MonitoredReplica,
    routine: Routine<T>,
  ): Promise<{ done: true; value: T } | { done: false }> => {
    const mustHave = lastWrite;
    return replica.pool.connect(async (connection) => {
      if (mustHave !== null && !(await caughtUp(connection, mustHave))) return { done: false };
      replica.state.reads += 1;
      return { done: true, value: await routine(connection) };
    });
  };

  const read = async <T>(routine: Routine<T>): Promise<T> => {
    for (const replica of monitor.eligible()) {
      try {
        const outcome = await onReplica(replica, routine);
        if (outcome.done) return outcome.value;
        // This replica has not replayed our last write in time; another would be no further along than the bound.
        break;
      } catch (error) {
        if (!primaryMayRunIt(error)) throw error;
        if (error instanceof ConnectionError) monitor.markDown(replica, error.message);
        else break;
      }
    }
    return onPrimary(routine);
  };

  const route = <T>(query: { readonly sql: string }, run: Routine<T>): Promise<T> =>
    isReadOnlyStatement(query.sql) ? read(run) : write(() => primary.connect(run));

  const routed: Partial<IprsPool> = {
    any: (query) => route(query, (connection) => connection.any(query)),
    anyFirst: (query) => route(query, (connection) => connection.anyFirst(query)),
    exists: (query) => route(query, (connection) => connection.exists(query)),
    many: (query) => route(query, (connection) => connection.many(query)),
    manyFirst: (query) => route(query, (connection) => connection.manyFirst(query)),
    maybeOne: (query) => route(query, (connection) => connection.maybeOne(query)),
    maybeOneFirst: (query) => route(query, (connection) => connection.maybeOneFirst(query)),
    one: (query) => route(query, (connection) => connection.one(query)),
    oneFirst: (query) => route(query, (connection) => connection.oneFirst(query)),
    query: (query) => route(query, (connection) => connection.query(query)),
    stream: (query, handler) =>
      isReadOnlyStatement(query.sql)
        ? read((connection) => connection.stream(query, handler))
        : write(() => primary.stream(query, handler)),
    transaction: (handler, retryLimit) => write(() => primary.transaction(handler, retryLimit)),
    readTransaction: (handler, retryLimit) => read((connection) => connection.transaction(handler, retryLimit)),
    connect: (routine) => write(() => primary.connect(routine)),
    routing: () => ({ replicas: monitor.status(), readsOnPrimary }),
    close: async () => {
      await monitor.stop();
      await Promise.all([primary.close(), ...monitor.replicas.map((replica) => replica.pool.close())]);
    },
  };
  return Object.assign(Object.create(primary) as IprsPool, routed);
};

import { sql, type DatabasePool, type DatabasePoolConnection } from 'slonik';
import { PoolExhaustedError } from '../errors/pool-exhausted-error.js';
import { postgresFieldsOf } from '../errors/postgres-fields-of.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import type { PoolSettings } from './pool-config.js';
import type { PoolStats } from './pool-stats.js';

/** A Slonik pool whose calls never wait forever for a connection, plus statistics and `close()`. */
export type IprsPool = DatabasePool & {
  readonly settings: Omit<PoolSettings, 'connectionString'>;
  /** `host:port` the pool connects to. */
  readonly address: string;
  stats(): PoolStats;
  /** Waits for lent connections to come back, then closes every connection. */
  close(): Promise<void>;
};

const abandoned = Symbol('abandoned');

/**
 * Slonik queues a caller forever when every connection is lent out. This runs `routine` on a pooled connection but
 * gives up after `acquireTimeoutMs` of queueing with PoolExhaustedError. A request that gave up stays in Slonik's queue;
 * when it is served later it hands the connection straight back without running anything.
 */
const connectWithin = <T>(
  raw: DatabasePool,
  settings: PoolSettings,
  routine: (connection: DatabasePoolConnection) => Promise<T>,
): Promise<T> => {
  let gaveUp = false;
  let timer: NodeJS.Timeout | undefined;

  const work = raw.connect(async (connection) => {
    clearTimeout(timer);
    if (gaveUp) return abandoned;
    return routine(connection);
  });

  const giveUp = new Promise<never>((_, reject) => {
    const check = () => {
      // Still queued behind a full pool? Otherwise we are opening a connection, which connectTimeoutMs bounds.
      if (raw.state().waitingClients > 0) {
        gaveUp = true;
        reject(new PoolExhaustedError(settings.acquireTimeoutMs, settings.maxPoolSize));
      } else {
        timer = setTimeout(check, settings.acquireTimeoutMs);
      }
    };
    timer = setTimeout(check, settings.acquireTimeoutMs);
  });

  work.catch(() => undefined);
  return Promise.race([work, giveUp])
    .then((result) => result as T)
    .catch((error: unknown) => {
      throw translateDatabaseError(error);
    })
    .finally(() => clearTimeout(timer));
};

/**
 * Runs `routine`, then resets the session it may have changed (SET, temporary tables, LISTEN, an unfinished BEGIN) so
 * the next borrower gets a clean one. createPool turns off Slonik's own reset, which ran DISCARD ALL after every
 * release: a second round trip for each single-statement call, halving pooled throughput. Those calls send one
 * statement and change no session state; only `connect` (dbConn) and `transaction` run caller code on the session.
 */
const resettingSession =
  <T>(routine: (connection: DatabasePoolConnection) => Promise<T>) =>
  async (connection: DatabasePoolConnection): Promise<T> => {
    let result: T;
    try {
      result = await routine(connection);
    } catch (error) {
      await resetSession(connection).catch(() => undefined);
      throw error;
    }
    await resetSession(connection);
    return result;
  };

const activeSqlTransaction = '25001';

const resetSession = async (connection: DatabasePoolConnection): Promise<void> => {
  try {
    await connection.query(sql.unsafe`DISCARD ALL`);
  } catch (error) {
    // DISCARD ALL refuses to run inside a transaction block: the routine left one open, so it was never committed.
    if (postgresFieldsOf(error).code !== activeSqlTransaction) throw error;
    await connection.query(sql.unsafe`ROLLBACK`);
    await connection.query(sql.unsafe`DISCARD ALL`);
  }
};

export const createBoundedPool = (raw: DatabasePool, settings: PoolSettings, address: string): IprsPool => {
  const via = <T>(routine: (connection: DatabasePoolConnection) => Promise<T>) => connectWithin(raw, settings, routine);
  const { connectionString: _secret, ...visibleSettings } = settings;
  const bounded: Partial<IprsPool> = {
    any: (query) => via((connection) => connection.any(query)),
    anyFirst: (query) => via((connection) => connection.anyFirst(query)),
    exists: (query) => via((connection) => connection.exists(query)),
    many: (query) => via((connection) => connection.many(query)),
    manyFirst: (query) => via((connection) => connection.manyFirst(query)),
    maybeOne: (query) => via((connection) => connection.maybeOne(query)),
    maybeOneFirst: (query) => via((connection) => connection.maybeOneFirst(query)),
    one: (query) => via((connection) => connection.one(query)),
    oneFirst: (query) => via((connection) => connection.oneFirst(query)),
    query: (query) => via((connection) => connection.query(query)),
    record: (query) => via((connection) => connection.record(query)),
    stream: (query, handler) => via((connection) => connection.stream(query, handler)),
    transaction: (handler, retryLimit) =>
      via(resettingSession((connection) => connection.transaction(handler, retryLimit))),
    connect: (routine) => via(resettingSession(routine)),
    settings: visibleSettings,
    address,
    stats: () => {
      const state = raw.state();
      return {
        acquired: state.acquiredConnections + state.pendingReleaseConnections,
        idle: state.idleConnections,
        opening: state.pendingConnections,
        waiting: state.waitingClients,
        maxPoolSize: settings.maxPoolSize,
        state: state.state,
      };
    },
    close: () => raw.end(),
  };
  // The raw pool stays the prototype: configuration, state(), end() and the event emitter keep working.
  return Object.assign(Object.create(raw) as IprsPool, bounded);
};

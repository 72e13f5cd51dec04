import type { DatabasePool, DatabasePoolConnection } from 'slonik';
import { ConnectionError } from '../errors/connection-error.js';
import { PoolExhaustedError } from '../errors/pool-exhausted-error.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import { createAdmission } from './admission.js';
import type { PoolSettings } from './pool-config.js';
import type { PoolStats } from './pool-stats.js';
import type { RoutingStatus } from './replica-status.js';

/** A Slonik pool whose calls never wait forever for a connection, plus statistics and `close()`. */
export type IprsPool = DatabasePool & {
  readonly settings: Omit<PoolSettings, 'connectionString' | 'replicas'>;
  /** `host:port` the pool connects to (several, comma-separated, for a multi-host URL). */
  readonly address: string;
  /** A transaction that only reads: on a replica within the lag bound when the pool has replicas, else the primary. */
  readTransaction: DatabasePool['transaction'];
  /** Where reads went and what the pool last measured about each replica (no replicas: an empty list). */
  routing(): RoutingStatus;
  /** The primary's statistics. */
  stats(): PoolStats;
  /** Waits for lent connections to come back, then closes every connection. */
  close(): Promise<void>;
};

/**
 * Every call first takes one of maxPoolSize slots, waiting at most acquireTimeoutMs, and only then asks Slonik for a
 * connection, which is then idle or may be opened (bounded by connectTimeoutMs). Slonik's own queue, which waits
 * forever and keeps requests whose caller gave up, so holds a caller at most while a connection finishes its release.
 * A caller that times out learns why: all slots hold lent connections (PoolExhaustedError), or some are still trying
 * to open one (ConnectionError: an outage is not a busy pool). Errors leave as the SDK's typed errors.
 */
export const createBoundedPool = (raw: DatabasePool, settings: PoolSettings, address: string): IprsPool => {
  const admission = createAdmission(settings.maxPoolSize);
  let opening = 0;

  const timeoutError = (): Error =>
    opening > 0
      ? new ConnectionError(
          address,
          `no connection became available within ${settings.acquireTimeoutMs} ms while ${opening} of the pool's ` +
            `${settings.maxPoolSize} connections were still being opened`,
        )
      : new PoolExhaustedError(settings.acquireTimeoutMs, settings.maxPoolSize);

  const via = async <T>(routine: (connection: DatabasePoolConnection) => Promise<T>): Promise<T> => {
    if (!admission.tryEnter()) await admission.enter(settings.acquireTimeoutMs, timeoutError);
    opening += 1;
    let lent = false;
    try {
      return await raw.connect((connection) => {
        opening -= 1;
        lent = true;
        return routine(connection);
      });
    } catch (error) {
      throw translateDatabaseError(error, address);
    } finally {
      if (!lent) opening -= 1;
      admission.leave();
    }
  };

  const { connectionString: _secret, replicas: _replicaSecrets, ...visibleSettings } = settings;
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
    transaction: (handler, retryLimit) => via((connection) => connection.transaction(handler, retryLimit)),
    readTransaction: (handler, retryLimit) => via((connection) => connection.transaction(handler, retryLimit)),
    routing: () => ({ replicas: [], readsOnPrimary: 0 }),
    connect: (routine) => via(routine),
    settings: visibleSettings,
    address,
    stats: () => {
      const state = raw.state();
      return {
        acquired: state.acquiredConnections + state.pendingReleaseConnections,
        idle: state.idleConnections,
        opening: state.pendingConnections,
        waiting: admission.waiting + state.waitingClients,
        maxPoolSize: settings.maxPoolSize,
        state: state.state,
      };
    },
    close: () => raw.end(),
  };
  // The raw pool stays the prototype: configuration, state(), end() and the event emitter keep working.
  return Object.assign(Object.create(raw) as IprsPool, bounded);
};

import { InvalidConnectionStringError, parseMultiHostUrl, type MultiHostUrl } from '@iprs/schema';
import { createPool as createSlonikPool, InvalidConfigurationError } from 'slonik';
import { ConnectionError } from '../errors/connection-error.js';
import { ConnectionLostError } from '../errors/connection-lost-error.js';
import { IprsError } from '../errors/iprs-error.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../types/parse-input.js';
import { slonikConnectionOf, type SlonikConnection } from './connection-options.js';
import { createBoundedPool, type IprsPool } from './bounded-pool.js';
import { createErrorTranslationInterceptor } from './error-translation-interceptor.js';
import { createMultiHostDriverFactory } from './multi-host-driver.js';
import { poolConfigSchema, type PoolConfig, type PoolSettings } from './pool-config.js';
import { startReplicaMonitor } from './replica-monitor.js';
import { createRoutedPool } from './routed-pool.js';
import { createRowValidationInterceptor } from './row-validation-interceptor.js';
import { createSessionGuardDriverFactory } from './session-guard-driver.js';
import { withStartupOptions } from './startup-options.js';
import { requireSchemaRelease } from './schema-release-check.js';
import { createIprsTypeParsers } from './type-parsers.js';

/**
 * Opens a pool on Slonik 49 with exact type parsers, row validation, typed errors, a bounded wait for connections,
 * lock_timeout, and sessions that are reset before reuse when (and only when) a borrower changed them.
 * Slonik connects eagerly here (it reads pg_type to install the type parsers), so an unreachable or misconfigured
 * server fails now, with a ConnectionError naming host:port, not at the first query. The first call on the pool checks
 * the database's schema release (SchemaReleaseMismatchError, SchemaNotInstalledError).
 * With `replicas`, the pool routes read-only calls to streaming replicas within the lag bound (see createRoutedPool).
 */
export const createPool = async (config: PoolConfig = {}): Promise<IprsPool> =>
  requireSchemaRelease(await createPoolWithoutReleaseCheck(config));

/** The pool createPool opens, before the schema release check wraps it. */
const createPoolWithoutReleaseCheck = async (config: PoolConfig = {}): Promise<IprsPool> => {
  const parsed = parseInput(poolConfigSchema, config, 'pool configuration');
  const connectionString = parsed.connectionString ?? process.env['DATABASE_URL'];
  if (!connectionString) {
    throw new ValidationError(
      [{ field: 'connectionString', message: 'pass connectionString or set DATABASE_URL' }],
      'pool configuration',
    );
  }
  if (parsed.minPoolSize > parsed.maxPoolSize) {
    throw new ValidationError([{ field: 'minPoolSize', message: 'must not exceed maxPoolSize' }], 'pool configuration');
  }
  const settings: PoolSettings = { ...parsed, connectionString };
  const primaryServer = serverOf(connectionString, 'connectionString');
  const replicaServers = settings.replicas.map((url, index) => serverOf(url, `replicas.${index}`));
  const primary = await openServerPool(primaryServer, settings, config);
  if (replicaServers.length === 0) return primary;
  const replicas: IprsPool[] = [];
  try {
    for (const server of replicaServers) replicas.push(await openServerPool(server, settings, config));
  } catch (error) {
    await Promise.all([primary.close(), ...replicas.map((replica) => replica.close())]);
    throw error;
  }
  const monitor = startReplicaMonitor(primary, replicas, {
    intervalMs: settings.replicaCheckIntervalMs,
    maxLagMs: settings.maxReplicaLagMs,
  });
  return createRoutedPool(primary, monitor, settings);
};

/** One connection string: its hosts (one, or several with target_session_attrs), each rewritten for Slonik. */
interface ServerTarget {
  readonly target: MultiHostUrl;
  /** Per host, in order; the first also carries the settings every host shares (TLS, timeouts, options). */
  readonly connections: readonly [SlonikConnection, ...SlonikConnection[]];
  readonly multiHost: boolean;
  readonly address: string;
}

const serverOf = (connectionString: string, field: string): ServerTarget => {
  try {
    const target = parseMultiHostUrl(connectionString);
    const [first, ...others] = target.hosts.map((host) => slonikConnectionOf(host.url));
    if (!first) throw new Error(`${field} names no host`);
    const multiHost = target.hosts.length > 1 || target.targetSessionAttrs !== 'any';
    const address = multiHost ? target.hosts.map((host) => host.address).join(',') : first.address;
    return { target, connections: [first, ...others], multiHost, address };
  } catch (error) {
    const message =
      error instanceof InvalidConnectionStringError || error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ field, message }], 'pool configuration', { cause: error });
  }
};

/** One Slonik pool on one server, or on whichever host of a multi-host URL has the wanted role. */
const openServerPool = async (server: ServerTarget, settings: PoolSettings, config: PoolConfig): Promise<IprsPool> => {
  const { target, connections, multiHost, address } = server;
  const [connection] = connections;
  const startupOptions = { lock_timeout: String(settings.lockTimeoutMs) };
  const schemaOption: Record<string, string> =
    settings.schema === undefined ? {} : { search_path: `"${settings.schema}"` };
  const dsnOf = (host: SlonikConnection) => withStartupOptions(host.dsn, startupOptions, schemaOption);
  const perHost = createSessionGuardDriverFactory({ preparedStatements: settings.preparedStatements });
  try {
    const raw = await createSlonikPool(dsnOf(connection), {
      ...(connection.ssl ? { ssl: connection.ssl } : {}),
      driverFactory: multiHost
        ? createMultiHostDriverFactory(perHost, {
            target: {
              ...target,
              hosts: target.hosts.map((host, index) => ({ ...host, url: dsnOf(connections[index] ?? connection) })),
            },
            failoverTimeoutMs: settings.failoverTimeoutMs,
            address,
          })
        : perHost,
      // One attempt per call: connectTimeoutMs bounds it, and the caller gets the ConnectionError at once.
      connectionRetryLimit: 0,
      // Slonik re-sends a single statement that failed with class 40 unless it runs in *its* transaction; inside one
      // begun with a plain BEGIN that retry only meets 25P02 and hides the deadlock. withTransaction still retries.
      queryRetryLimit: 0,
      maxPoolSize: settings.maxPoolSize,
      minPoolSize: settings.minPoolSize,
      // An explicit connectTimeoutMs wins over the URL's connect_timeout, which wins over the default.
      connectionTimeout: config.connectTimeoutMs ?? connection.connectTimeoutMs ?? settings.connectTimeoutMs,
      // A timeout the URL's `options` sets wins over the default: the SDK's own goes into the startup packet, which
      // PostgreSQL applies after `options`.
      statementTimeout:
        config.statementTimeoutMs ??
        (connection.settingsInOptions.has('statement_timeout') ? 'DISABLE_TIMEOUT' : settings.statementTimeoutMs),
      idleInTransactionSessionTimeout:
        config.idleInTransactionTimeoutMs ??
        (connection.settingsInOptions.has('idle_in_transaction_session_timeout')
          ? 'DISABLE_TIMEOUT'
          : settings.idleInTransactionTimeoutMs),
      idleTimeout: settings.idleTimeoutMs,
      typeParsers: createIprsTypeParsers(),
      // The session guard resets only the sessions a borrower changed; Slonik's default DISCARD ALL on every release
      // would cost every call a second round trip.
      resetConnection: async () => {},
      interceptors: [
        createRowValidationInterceptor(),
        createErrorTranslationInterceptor(address),
        ...settings.interceptors,
      ],
    });
    const pool = createBoundedPool(raw, settings, address);
    // A multi-host pool has not connected yet: open one session now so a URL with no usable host fails here too.
    if (multiHost) {
      await pool
        .connect(async () => undefined)
        .catch(async (error: unknown) => {
          await pool.close();
          throw error;
        });
    }
    return pool;
  } catch (error) {
    if (error instanceof InvalidConfigurationError) {
      throw new ValidationError([{ field: '', message: error.message }], 'pool configuration', { cause: error });
    }
    // Nothing was connected yet: a socket closed during the handshake ("Connection terminated unexpectedly") is
    // "cannot connect" too, not a lost session.
    const translated = translateDatabaseError(error, address);
    if (translated instanceof ConnectionError && !(translated instanceof ConnectionLostError)) throw translated;
    const reason = error instanceof Error && error.message ? error.message : String(error);
    const code = translated instanceof IprsError ? translated.code : undefined;
    throw new ConnectionError(address, reason, { cause: error, ...(code === undefined ? {} : { code }) });
  }
};

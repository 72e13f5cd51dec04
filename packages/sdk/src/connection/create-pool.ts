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
import { poolConfigSchema, type PoolConfig, type PoolSettings } from './pool-config.js';
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
 */
export const createPool = async (config: PoolConfig = {}): Promise<IprsPool> =>
  requireSchemaRelease(await createPoolWithoutReleaseCheck(config));

/** createPool for the SDK's own catalog readers, which inspect any schema of any database, migrated or not. */
export const createPoolWithoutReleaseCheck = async (config: PoolConfig = {}): Promise<IprsPool> => {
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
  let connection: SlonikConnection;
  try {
    connection = slonikConnectionOf(connectionString);
  } catch (error) {
    throw new ValidationError([{ field: 'connectionString', message: (error as Error).message }], 'pool configuration', { cause: error });
  }
  const { address } = connection;
  try {
    const startupOptions = { lock_timeout: String(settings.lockTimeoutMs) };
    const schemaOption: Record<string, string> = settings.schema === undefined ? {} : { search_path: `"${settings.schema}"` };
    const raw = await createSlonikPool(withStartupOptions(connection.dsn, startupOptions, schemaOption), {
      ...(connection.ssl ? { ssl: connection.ssl } : {}),
      driverFactory: createSessionGuardDriverFactory(),
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
        (connection.settingsInOptions.has('idle_in_transaction_session_timeout') ? 'DISABLE_TIMEOUT' : settings.idleInTransactionTimeoutMs),
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
    return createBoundedPool(raw, settings, address);
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

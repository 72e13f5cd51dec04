import { createPool as createSlonikPool, InvalidConfigurationError } from 'slonik';
import { ConnectionError } from '../errors/connection-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../types/parse-input.js';
import { slonikConnectionOf, type SlonikConnection } from './connection-options.js';
import { createBoundedPool, type IprsPool } from './bounded-pool.js';
import { createErrorTranslationInterceptor } from './error-translation-interceptor.js';
import { poolConfigSchema, type PoolConfig, type PoolSettings } from './pool-config.js';
import { createRowValidationInterceptor } from './row-validation-interceptor.js';
import { createIprsTypeParsers } from './type-parsers.js';

/**
 * Opens a pool on Slonik 49 with exact type parsers, row validation, typed errors and a bounded wait for connections.
 * Slonik connects eagerly here (it reads pg_type to install the type parsers), so an unreachable or misconfigured
 * server fails now, with a ConnectionError naming host:port, not at the first query.
 */
export const createPool = async (config: PoolConfig = {}): Promise<IprsPool> => {
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
    const raw = await createSlonikPool(connection.dsn, {
      ...(connection.ssl ? { ssl: connection.ssl } : {}),
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
      // The bounded pool resets sessions itself, only after the calls that can change them (see resettingSession).
      resetConnection: async () => {},
      interceptors: [createRowValidationInterceptor(), createErrorTranslationInterceptor(), ...settings.interceptors],
    });
    return createBoundedPool(raw, settings, address);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) {
      throw new ValidationError([{ field: '', message: error.message }], 'pool configuration', { cause: error });
    }
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new ConnectionError(address, reason, { cause: error });
  }
};

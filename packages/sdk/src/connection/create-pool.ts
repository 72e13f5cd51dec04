import { createPool as createSlonikPool, InvalidConfigurationError } from 'slonik';
import { ConnectionError } from '../errors/connection-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../types/parse-input.js';
import { addressOf } from './address-of.js';
import { createBoundedPool, type IprsPool } from './bounded-pool.js';
import { createErrorTranslationInterceptor } from './error-translation-interceptor.js';
import { poolConfigSchema, type PoolConfig, type PoolSettings } from './pool-config.js';
import { createRowValidationInterceptor } from './row-validation-interceptor.js';
import { requireSchemaRelease } from './schema-release-check.js';
import { createIprsTypeParsers } from './type-parsers.js';

/**
 * Opens a pool on Slonik 49 with exact type parsers, row validation, typed errors and a bounded wait for connections.
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
  const address = addressOf(connectionString);
  try {
    const raw = await createSlonikPool(connectionString, {
      maxPoolSize: settings.maxPoolSize,
      minPoolSize: settings.minPoolSize,
      connectionTimeout: settings.connectTimeoutMs,
      statementTimeout: settings.statementTimeoutMs,
      idleInTransactionSessionTimeout: settings.idleInTransactionTimeoutMs,
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

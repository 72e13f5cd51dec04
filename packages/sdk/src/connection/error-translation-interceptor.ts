import type { Interceptor } from 'slonik';
import { translateDatabaseError } from '../errors/translate-database-error.js';

/**
 * Replaces PostgreSQL errors (and Slonik's row-count errors of `one`, `many`, …) by the SDK's typed errors at the
 * source, so callers (and every module of the SDK) see ConflictError, LockTimeoutError, … whether they query through
 * the pool, a connection or a transaction. Translated errors keep the SQLSTATE in `code`, so Slonik still re-runs a
 * transaction that failed with a class 40 error (serialization failure, deadlock).
 */
export const createErrorTranslationInterceptor = (address: string): Interceptor => {
  const rethrowTranslated = (error: unknown): null => {
    const translated = translateDatabaseError(error, address);
    if (translated !== error) throw translated;
    return null;
  };
  return {
    name: 'iprs-error-translation',
    queryExecutionError: (_context, _query, error) => rethrowTranslated(error),
    dataIntegrityError: (_context, _query, error) => rethrowTranslated(error),
  };
};

import type { Interceptor } from 'slonik';
import { translateDatabaseError } from '../errors/translate-database-error.js';

/**
 * Replaces PostgreSQL errors by the SDK's typed errors at the source, so callers (and every module of the SDK) see
 * ConflictError, InvalidReferenceError, … whether they query through the pool, a connection or a transaction.
 * Errors it does not translate (e.g. 40001 serialization failures, which Slonik retries by SQLSTATE) pass unchanged.
 */
export const createErrorTranslationInterceptor = (): Interceptor => ({
  name: 'iprs-error-translation',
  queryExecutionError: (_context, _query, error) => {
    const translated = translateDatabaseError(error);
    if (translated !== error) throw translated;
    return null;
  },
});

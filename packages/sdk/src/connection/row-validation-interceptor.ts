import type { Interceptor, QueryResultRow } from 'slonik';
import { RowValidationError } from '../errors/row-validation-error.js';

/**
 * Slonik passes the schema of `sql.type(schema)` to interceptors but validates nothing itself; this one parses every
 * returned row with it and returns the parsed value, so what a query yields is what its type says.
 */
export const createRowValidationInterceptor = (): Interceptor => ({
  name: 'iprs-row-validation',
  transformRow: (context, query, row) => {
    const parser = context.resultParser;
    if (!parser) return row;
    const result = parser['~standard'].validate(row);
    if (result instanceof Promise) {
      throw new TypeError('Row schemas must validate synchronously (no async refinements in sql.type schemas).');
    }
    if (result.issues) {
      throw new RowValidationError(
        query.sql,
        result.issues.map((issue) => ({
          field: (issue.path ?? [])
            .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
            .join('.'),
          message: issue.message,
        })),
      );
    }
    return result.value as QueryResultRow;
  },
});

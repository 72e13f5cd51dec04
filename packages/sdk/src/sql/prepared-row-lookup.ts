import { sql, type QuerySqlToken } from 'slonik';
import type { z } from 'zod';
import { columnList } from './column-list.js';

const lockClauses = { none: sql.fragment``, share: sql.fragment`FOR SHARE`, update: sql.fragment`FOR UPDATE` } as const;

/**
 * `SELECT <the row schema's columns> FROM <table> WHERE <keyColumn> = $1 [FOR SHARE | FOR UPDATE]` as a named prepared
 * statement whose SQL is built once: a call only binds the key. Rendering the template on every call (escaping each
 * column name again) cost a primary-key lookup more client time than parsing its result.
 */
export const preparedRowLookup = <Schema extends z.ZodObject>(
  name: string,
  rowSchema: Schema,
  table: string,
  keyColumn: string,
  lock: keyof typeof lockClauses = 'none',
): ((key: string) => QuerySqlToken<Schema>) => {
  const statement = sql.prepared(name, rowSchema)`
    SELECT ${columnList(rowSchema)} FROM ${sql.identifier([table])} WHERE ${sql.identifier([keyColumn])} = ${''} ${lockClauses[lock]}
  `;
  return (key) => ({ ...statement, values: [key] });
};

import { z } from 'zod';
import { DECIMAL_TEXT_PATTERN } from './decimal.js';

/**
 * PostgreSQL type family of a column, as `pg_type.typname` names it; the contract check compares it with the catalog
 * model's format_type() spelling (`int8` is `bigint` there, `_text` is `text[]`).
 */
export type ColumnFamily = 'text' | 'numeric' | 'timestamptz' | 'date' | 'jsonb' | 'int8' | 'bool' | '_text';

/** Registry that records which PostgreSQL family each row-schema field stands for. */
export const columnFamilies = z.registry<{ family: ColumnFamily }>();

const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/u;

export const textColumn = () => z.string().register(columnFamilies, { family: 'text' });
export const enumColumn = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).register(columnFamilies, { family: 'text' });
export const numericColumn = () =>
  z.string().regex(DECIMAL_TEXT_PATTERN, { error: 'expected an exact decimal string' }).register(columnFamilies, {
    family: 'numeric',
  });
export const timestamptzColumn = () => z.date().register(columnFamilies, { family: 'timestamptz' });
/** `date` columns are `'YYYY-MM-DD'` strings: a calendar day has no time zone, a `Date` would invent one. */
export const dateColumn = () =>
  z.string().regex(ISO_DATE_PATTERN, { error: 'expected YYYY-MM-DD' }).register(columnFamilies, { family: 'date' });
export const jsonObjectColumn = () => z.record(z.string(), z.unknown()).register(columnFamilies, { family: 'jsonb' });
export const jsonArrayColumn = () => z.array(z.unknown()).register(columnFamilies, { family: 'jsonb' });
export const jsonColumn = () => z.json().register(columnFamilies, { family: 'jsonb' });
export const int8Column = () => z.bigint().register(columnFamilies, { family: 'int8' });
export const boolColumn = () => z.boolean().register(columnFamilies, { family: 'bool' });
export const textArrayColumn = () => z.array(z.string()).register(columnFamilies, { family: '_text' });

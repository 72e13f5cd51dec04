import { createIntervalTypeParser, type DriverTypeParser } from 'slonik';

// ±infinity has no Date; an invalid Date makes the row schema reject the row with a clear message.
const isInfinity = (value: string) => value === 'infinity' || value === '-infinity';

const parseTimestamp = (value: string): Date => (isInfinity(value) ? new Date(Number.NaN) : new Date(value));

/**
 * How PostgreSQL text values become JS values. Replaces Slonik's preset, which turns `numeric` into a float and
 * timestamps into epoch numbers:
 * - `numeric` → the exact decimal string PostgreSQL printed (`'1234567890123456789012345678.25'`), never a float;
 * - `int8` → `bigint` (exact beyond 2^53);
 * - `timestamptz` → `Date` (millisecond precision: PostgreSQL's microseconds are truncated);
 * - `timestamp` (without zone) → `Date`, read as UTC;
 * - `date` → `'YYYY-MM-DD'` string, untouched (a calendar day has no time zone);
 * - `interval` → seconds, as Slonik does.
 * Arrays of these types are parsed element by element by the driver.
 */
export const createIprsTypeParsers = (): readonly DriverTypeParser[] => [
  { name: 'numeric', parse: (value: string) => value },
  { name: 'int8', parse: (value: string) => BigInt(value) },
  { name: 'timestamptz', parse: parseTimestamp },
  { name: 'timestamp', parse: (value: string) => parseTimestamp(isInfinity(value) ? value : `${value}Z`) },
  { name: 'date', parse: (value: string) => value },
  createIntervalTypeParser(),
];

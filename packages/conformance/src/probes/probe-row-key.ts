import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import type { ProbeRow } from './probe-row-builder.js';
import type { ProbeSession } from './probe-session.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { typedLiteral } from './typed-literal.js';

/** `a = 'x'::type AND b = 'y'::type`: the probe row by its primary key. */
export function rowKey(table: TableSnapshot, row: ProbeRow): string {
  const key = table.primaryKey?.columns;
  if (!key) throw new ProbeSetupError(`${table.name} has no primary key to find the probe row by`);
  return whereColumns(table, key, row);
}

/** `a = 'x'::type AND b = 'y'::type` for the given columns and the row's values in them. */
export function whereColumns(table: TableSnapshot, columns: readonly string[], row: ProbeRow): string {
  return columns
    .map((name) => {
      const type = table.columns.find((column) => column.name === name)?.type ?? 'text';
      return `${q(name)} = ${typedLiteral(row[name] ?? null, type)}`;
    })
    .join(' AND ');
}

/** The probe row as it now reads (every column as text), or null when it is gone. */
export async function readProbeRow(session: ProbeSession, table: TableSnapshot, key: string): Promise<ProbeRow | null> {
  const result = await session.query<{ row: ProbeRow }>(probeRowStatement(table, key));
  return result.rows[0]?.row ?? null;
}

/** The SELECT of the probe row by `key`: one jsonb value, every column as text; no row when it is gone. */
export function probeRowStatement(table: TableSnapshot, key: string): string {
  return `SELECT (SELECT jsonb_object_agg(key, value #>> '{}') FROM jsonb_each(to_jsonb(probe_row.*))) AS row
       FROM ${q(table.name)} AS probe_row WHERE ${key}`;
}

/**
 * An UPDATE or DELETE as one jsonb value, the number of rows it changed, so it can run in a chain. A table with rules
 * refuses a data-modifying WITH: the chain is then refused, and the probe goes one statement at a time.
 */
export function countingStatement(statement: string): string {
  return `WITH probe_statement AS (${statement} RETURNING 1) SELECT to_jsonb(count(*)) FROM probe_statement`;
}

import type { TableSnapshot } from '@iprs/schema';
import type pg from 'pg';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import type { ProbeRow } from './probe-row-builder.js';
import { ProbeSetupError } from './probe-setup-error.js';

export interface RowKey {
  /** `a = $1::type AND b = $2::type`: the probe row by its primary key. */
  readonly condition: string;
  readonly values: readonly (string | null)[];
}

export function rowKey(table: TableSnapshot, row: ProbeRow): RowKey {
  const key = table.primaryKey?.columns;
  if (!key) throw new ProbeSetupError(`${table.name} has no primary key to find the probe row by`);
  const conditions = key.map((name, index) => {
    const type = table.columns.find((column) => column.name === name)?.type ?? 'text';
    return `${q(name)} = $${index + 1}::${type}`;
  });
  return { condition: conditions.join(' AND '), values: key.map((name) => row[name] ?? null) };
}

/** The probe row as it now reads (every column as text), or null when it is gone. */
export async function readProbeRow(client: pg.ClientBase, table: TableSnapshot, key: RowKey): Promise<ProbeRow | null> {
  const result = await client.query<{ row: ProbeRow }>(
    `SELECT (SELECT jsonb_object_agg(key, value #>> '{}') FROM jsonb_each(to_jsonb(probe_row.*))) AS row
       FROM ${q(table.name)} AS probe_row WHERE ${key.condition}`,
    [...key.values],
  );
  return result.rows[0]?.row ?? null;
}

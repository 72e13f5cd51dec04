import type pg from 'pg';
import type { LedgerLocation } from '../ledger/ledger-location.js';

export interface LedgerRow {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
  readonly appliedBy: string;
  readonly executionMs: number;
}

/** The applied migrations in the order they were applied; undefined when the ledger does not exist yet. */
export async function readLedger(
  client: pg.ClientBase,
  location: LedgerLocation,
): Promise<readonly LedgerRow[] | undefined> {
  if (location.schema === null) return undefined;
  const exists = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
    location.table,
  ]);
  if (!exists.rows[0]?.exists) return undefined;
  const { rows } = await client.query<LedgerRow>(
    `SELECT version, name, checksum, applied_at AS "appliedAt", applied_by AS "appliedBy", execution_ms AS "executionMs"
       FROM ${location.table}
      ORDER BY applied_at, version`,
  );
  return rows;
}

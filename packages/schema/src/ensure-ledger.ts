import type pg from 'pg';
import type { LedgerLocation } from './ledger/ledger-location.js';

/** Creates the ledger if it is missing. Call only while holding the migration lock: IF NOT EXISTS alone races. */
export async function ensureLedger(client: pg.Client, { table, ledger }: LedgerLocation): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${table} (
      version      text        NOT NULL CONSTRAINT ${ledger}_pkey PRIMARY KEY
                               CONSTRAINT ${ledger}_version_check CHECK (version ~ '^[0-9]+$'),
      name         text        NOT NULL,
      checksum     text        NOT NULL CONSTRAINT ${ledger}_checksum_check CHECK (checksum ~ '^[0-9a-f]{64}$'),
      applied_at   timestamptz NOT NULL DEFAULT now(),
      applied_by   text        NOT NULL DEFAULT session_user,
      execution_ms integer     NOT NULL CONSTRAINT ${ledger}_execution_ms_check CHECK (execution_ms >= 0)
    )`);
}

import type pg from 'pg';
import { MigrationPrivilegeError } from './errors/migration-privilege-error.js';
import type { LedgerLocation } from './ledger/ledger-location.js';
import type { Migration } from './migration.js';

interface PrivilegeRow {
  role: string;
  schema: string | null;
  search_path: string;
  can_create: boolean;
  can_record: boolean | null;
}

/**
 * Before applying `pending`: the role must be able to create objects (and the ledger) in the current schema, and to
 * record into the ledger when it exists. Checked up front, so a missing grant is one clear error and not a failure
 * half way.
 */
export async function verifyMigrationPrivileges(
  client: pg.Client,
  pending: readonly Migration[],
  ledger: LedgerLocation,
): Promise<void> {
  const { rows } = await client.query<PrivilegeRow>(
    `SELECT current_user AS role, current_schema() AS schema, current_setting('search_path') AS search_path,
            coalesce(has_schema_privilege(current_schema(), 'CREATE'), false) AS can_create,
            has_table_privilege(to_regclass($1), 'INSERT') AS can_record`,
    [ledger.table],
  );
  const row = rows[0];
  if (!row) throw new Error('the privilege query returned no row');
  const missing = [
    ...(row.schema === null
      ? [`a schema to create in (no schema of search_path "${row.search_path}" exists)`]
      : row.can_create
        ? []
        : [`CREATE on schema ${row.schema}`]),
    ...(row.can_record === false ? [`INSERT on table ${ledger.ledger}`] : []),
  ];
  if (missing.length > 0) {
    throw new MigrationPrivilegeError(
      row.role,
      row.schema,
      missing,
      pending.map((migration) => migration.filename),
    );
  }
}

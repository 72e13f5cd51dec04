import pg from 'pg';

export interface LedgerLocation {
  /** current_schema(): the first schema of the search_path that exists; null when none does. */
  readonly schema: string | null;
  readonly ledger: string;
  /** The ledger as SQL, schema-qualified and quoted, e.g. `"iprs"."iprs_schema_migrations"`. */
  readonly table: string;
  /** For messages: `iprs.iprs_schema_migrations`. */
  readonly displayName: string;
}

/**
 * Where the ledger `ledger` lives: in the current schema, the one the migrations create their tables in. Qualified, so
 * a table of that name further down the search_path is never read or written instead.
 */
export async function locateLedger(client: pg.Client, ledger: string): Promise<LedgerLocation> {
  const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  return ledgerLocation(rows[0]?.schema ?? null, ledger);
}

/** The ledger `ledger` in `schema` (null: unqualified, no schema of the search_path exists). */
export function ledgerLocation(schema: string | null, ledger: string): LedgerLocation {
  const table =
    schema === null ? pg.escapeIdentifier(ledger) : `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(ledger)}`;
  return { schema, ledger, table, displayName: schema === null ? ledger : `${schema}.${ledger}` };
}

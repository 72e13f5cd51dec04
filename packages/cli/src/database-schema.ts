import { withClient } from '@iprs/schema/internal';
import type pg from 'pg';

/** The help text of `--schema`, the same on every command that touches the database. */
export const schemaOptionHelp =
  'the PostgreSQL schema holding the iprs tables and ledger (default: the first existing schema of the ' +
  "connection's search_path, e.g. from the URL's options=-c search_path=…, usually public)";

/**
 * The schema a command works in: `--schema` when given, else the connection's current_schema() — so a search_path in
 * the URL's `options` means the same to verify as to migrate and status. Undefined when no schema of the search_path
 * exists (migrate creates nothing then; verify reports the schema as missing).
 */
export async function resolveSchema(url: string, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return given;
  return withClient(url, (client) => resolveSchemaOn(client, given), 'iprs-schema');
}

/** resolveSchema on a session that is already open (which it leaves open). */
export async function resolveSchemaOn(client: pg.ClientBase, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return given;
  const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  return rows[0]?.schema ?? undefined;
}

import pg from 'pg';
import { connectTarget } from './internal/connect-target.js';
import type { MigrationTarget } from './migration.js';

/**
 * Opens one dedicated connection; the runner needs a single session because its advisory lock is session-scoped.
 * A connection string may list several hosts with target_session_attrs, as libpq accepts it.
 * With `schema`, the session's search_path is that schema alone, so the tables, the ledger and the shape check all
 * resolve there and never to a same-named table in another schema; without it the connection's own search_path (the
 * URL's `options=-c search_path=…`, the role's default) decides.
 */
export async function connectClient(target: MigrationTarget, schema?: string): Promise<pg.Client> {
  const client = await connectTarget(target, 'iprs-schema');
  if (schema !== undefined) {
    try {
      await client.query("SELECT set_config('search_path', $1, false)", [pg.escapeIdentifier(schema)]);
    } catch (error) {
      await client.end();
      throw error;
    }
  }
  return client;
}

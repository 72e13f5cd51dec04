import pg from 'pg';
import { withClient } from './with-client.js';

/**
 * Marks `name` as a template that refuses new connections and ends the sessions still open on it, so that cloning it
 * never meets "source database is being accessed by other users".
 */
export async function freezeTemplate(adminUrl: string, name: string): Promise<void> {
  const database = pg.escapeIdentifier(name);
  await withClient(adminUrl, async (client) => {
    await client.query(`ALTER DATABASE ${database} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
  });
}

import pg from 'pg';
import { withClient } from './with-client.js';

/** Drops `name` if it exists, ending any sessions still connected to it (a test that forgot to close its pool). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const database = pg.escapeIdentifier(name);
  await withClient(adminUrl, async (client) => {
    // A template database cannot be dropped until it is an ordinary database again.
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [name]);
    if (rowCount) await client.query(`ALTER DATABASE ${database} WITH IS_TEMPLATE false`);
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
}

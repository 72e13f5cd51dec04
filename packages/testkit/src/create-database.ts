import pg from 'pg';
import { withClient } from './with-client.js';

export interface CreateDatabaseOptions {
  /** Clone this database; default `template0` (an empty database nobody can connect to, so never busy). */
  template?: string;
  /** How often to retry while the template is in use by another session. Default 20. */
  attempts?: number;
}

const objectInUse = '55006';

/**
 * CREATE DATABASE `name` TEMPLATE `template`. PostgreSQL refuses to copy a template that has open sessions ("source
 * database is being accessed by other users"); that error is retried with a growing delay.
 */
export async function createDatabase(
  adminUrl: string,
  name: string,
  options: CreateDatabaseOptions = {},
): Promise<void> {
  const template = options.template ?? 'template0';
  const attempts = options.attempts ?? 20;
  const sql = `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`;
  await withClient(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== objectInUse || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 500)));
      }
    }
  });
}

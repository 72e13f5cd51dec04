import { createDatabase, databaseUrl, dropDatabase, uniqueDatabaseName } from '@iprs/testkit';
import type { ProvidedTestDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { inject } from 'vitest';

export function provided(): ProvidedTestDatabase {
  return inject('iprsTestDatabase') as ProvidedTestDatabase;
}

/** A fresh clone of the migrated template (or of `template`), dropped when `work` settles. */
export async function withClonedDatabase<T>(work: (url: string) => Promise<T>, template?: string): Promise<T> {
  const { serverUrl, templateDatabase, databasePrefix } = provided();
  const name = uniqueDatabaseName(databasePrefix);
  await createDatabase(serverUrl, name, { template: template ?? templateDatabase });
  try {
    return await work(databaseUrl(serverUrl, name));
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

/** Runs SQL (one or more statements) on a fresh connection. */
export async function execute(url: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result.flatMap((part) => part.rows) : result.rows;
  } finally {
    await client.end();
  }
}

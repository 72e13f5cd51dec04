import { withClient } from '../src/with-client.js';

/** The rows of one query on a fresh connection. */
export function query<Row>(connectionString: string, sql: string): Promise<Row[]> {
  return withClient(connectionString, async (client) => (await client.query(sql)).rows as Row[]);
}

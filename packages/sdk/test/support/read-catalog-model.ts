import { connectClient } from '@iprs/schema';
import { readCatalog, type SchemaSnapshot } from '@iprs/schema/catalog';

/**
 * The catalog model as `iprs verify` reads it, after `drift` (statements run in a transaction that is rolled back, so
 * the database is left as it was).
 */
export const readCatalogModelAfter = async (
  databaseUrl: string,
  drift: readonly string[] = [],
): Promise<SchemaSnapshot> => {
  const client = await connectClient(databaseUrl);
  try {
    if (drift.length === 0) return await readCatalog(client);
    await client.query('BEGIN');
    try {
      for (const statement of drift) await client.query(statement);
      return await readCatalog(client, { insideTransaction: true });
    } finally {
      await client.query('ROLLBACK');
    }
  } finally {
    await client.end();
  }
};

/** server_version_num of the test database, e.g. 180001. */
export const serverVersionOf = async (databaseUrl: string): Promise<number> => {
  const client = await connectClient(databaseUrl);
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Number(rows[0]?.server_version_num);
  } finally {
    await client.end();
  }
};

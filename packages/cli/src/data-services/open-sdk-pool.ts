import type { IprsPool } from '@iprs/sdk';

/**
 * Runs `work` on an SDK pool for the connection string (in `schema` when given) and always closes the pool. Callers
 * turn what it throws into the person's message with asCliError, which knows the SDK's ConnectionError.
 */
export async function withSdkPool<T>(
  connectionString: string,
  work: (pool: IprsPool) => Promise<T>,
  schema?: string,
): Promise<T> {
  // Imported here: of all the commands, only the ones that read and write data load the SDK's data access.
  const { createPool } = await import('@iprs/sdk');
  const pool = await createPool({ connectionString, maxPoolSize: 4, ...(schema === undefined ? {} : { schema }) });
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

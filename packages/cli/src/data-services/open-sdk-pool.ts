import { ConnectionError, createPool, type IprsPool } from '@iprs/sdk';
import { CliError, ExitCode } from '../cli-error.js';

/** Runs `work` on an SDK pool for the connection string and always closes the pool; connection failures exit 2. */
export async function withSdkPool<T>(connectionString: string, work: (pool: IprsPool) => Promise<T>): Promise<T> {
  let pool: IprsPool;
  try {
    pool = await createPool({ connectionString, maxPoolSize: 4 });
  } catch (error) {
    if (error instanceof ConnectionError) throw new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
    throw error;
  }
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

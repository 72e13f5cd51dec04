import { afterAll } from 'vitest';
import { createPool, type IprsPool, type PoolConfig } from '../../src/index.js';

/** A pool on the test file's database, closed after the file. */
export const openPool = async (databaseUrl: string, config: PoolConfig = {}): Promise<IprsPool> => {
  const pool = await createPool({ connectionString: databaseUrl, ...config });
  afterAll(() => pool.close());
  return pool;
};

import type pg from 'pg';
import type { MigrationTarget } from '../migration.js';
import { connectTarget } from './connect-target.js';

/** Runs `use` on one connection to `target` (see connectTarget) and always closes it. */
export async function withClient<T>(
  target: MigrationTarget,
  use: (client: pg.Client) => Promise<T>,
  applicationName = 'iprs',
): Promise<T> {
  const client = await connectTarget(target, applicationName);
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

import { createPool, getPosition, tableContracts } from '@iprs/sdk';
import type { PkLookups } from '../baselines/pg-pool-lookups.js';

/** The columns the SDK selects for a position, so the raw-pg baseline sends the very same statement. */
export const sdkPositionColumns: readonly string[] = Object.keys(positionRowSchema().shape);

function positionRowSchema() {
  const contract = tableContracts.find((candidate) => candidate.table === 'position');
  if (contract === undefined) throw new Error('@iprs/sdk has no row schema for table position');
  return contract.rowSchema;
}

export async function openSdkLookups(databaseUrl: string, poolSize: number): Promise<PkLookups> {
  const pool = await createPool({ connectionString: databaseUrl, maxPoolSize: poolSize });
  return {
    // getPosition throws NotFoundError for a missing id; every id asked for exists, so reaching here means found.
    lookup: async (positionId) => (await getPosition(pool, positionId)).position_id === positionId,
    close: () => pool.close(),
  };
}

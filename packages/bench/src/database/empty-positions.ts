import { withClient } from '@iprs/schema/internal';

/**
 * Empties the position table and checkpoints, so every load starts from the same state: new empty files, no dirty
 * pages of the previous run waiting to be written while the next one is timed.
 */
export async function emptyPositions(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query('TRUNCATE position');
    await client.query('CHECKPOINT');
  });
}

import type pg from 'pg';
import { MigrationLockTimeoutError } from './errors/migration-lock-timeout-error.js';

/**
 * Key of the session-level advisory lock every runner takes before reading or writing the ledger:
 * the bytes of the ASCII text "iprsmigr" read as a big-endian int8 (0x697072736d696772).
 */
export const MIGRATION_LOCK_KEY = '7597698411456456562';

const lockNotAvailable = '55P03';

/**
 * Runs `work` while holding the migration lock `lockKey` (default: iprs's, see ledgerLockKey) on `client`'s session. A
 * runner that dies releases the lock with its connection, so a crash never leaves the database locked. `timeoutMs` 0
 * waits without limit.
 */
export async function withMigrationLock<T>(
  client: pg.Client,
  timeoutMs: number,
  work: () => Promise<T>,
  lockKey: string = MIGRATION_LOCK_KEY,
): Promise<T> {
  await client.query("SELECT set_config('lock_timeout', $1, false)", [`${timeoutMs}ms`]);
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
  } catch (error) {
    if ((error as { code?: unknown }).code === lockNotAvailable) {
      throw new MigrationLockTimeoutError(lockKey, timeoutMs, { cause: error });
    }
    throw error;
  } finally {
    await client.query('RESET lock_timeout');
  }
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The caller closes the connection next, which releases the lock anyway; report the original failure.
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    throw error;
  }
  await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]);
  return result;
}

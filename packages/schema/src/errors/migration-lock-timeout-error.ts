import { SchemaMigrationError } from './schema-migration-error.js';

/** Another runner held the migration advisory lock for longer than the caller was willing to wait. */
export class MigrationLockTimeoutError extends SchemaMigrationError {
  readonly lockKey: string;
  readonly timeoutMs: number;

  constructor(lockKey: string, timeoutMs: number, options?: ErrorOptions) {
    super(
      `Timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock(${lockKey})); ` +
        'another migration runner is still working on this database. ' +
        `Find it with: SELECT pid, application_name FROM pg_locks JOIN pg_stat_activity USING (pid) ` +
        `WHERE locktype = 'advisory' AND classid = ${BigInt(lockKey) >> 32n} AND objid = ${BigInt(lockKey) & 0xffffffffn}`,
      options,
    );
    this.lockKey = lockKey;
    this.timeoutMs = timeoutMs;
  }
}

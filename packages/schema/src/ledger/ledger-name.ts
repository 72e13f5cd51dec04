import { createHash } from 'node:crypto';
import { MigrationOptionError } from '../errors/migration-option-error.js';
import { LEDGER_TABLE } from '../ledger-table.js';
import { MIGRATION_LOCK_KEY } from '../with-migration-lock.js';

// Lower case, so the name needs no quoting anywhere; short enough for `<name>_execution_ms_check` to fit in 63 bytes.
const ledgerNamePattern = /^[a-z_][a-z0-9_]{0,40}$/;

/** Refuses a ledger name that is not a plain lower-case SQL identifier of at most 41 characters. */
export function checkLedgerName(ledger: string): string {
  if (!ledgerNamePattern.test(ledger)) {
    throw new MigrationOptionError(
      'ledger',
      `"${ledger}" is not a ledger table name: use lower-case letters, digits and _ (not first), at most 41 characters`,
    );
  }
  return ledger;
}

/**
 * The advisory lock key of a ledger: MIGRATION_LOCK_KEY for iprs's own, else the first 8 bytes of SHA-256 of
 * `iprs-migration-ledger:<name>` as a signed int8. Each ledger has its own lock, so a consumer's migrations and
 * iprs's can run at the same time (each history is still applied by one runner at a time), and a consumer that starts
 * one runner while the other holds its lock (e.g. from a deploy hook) cannot wait on itself.
 */
export function ledgerLockKey(ledger: string): string {
  if (ledger === LEDGER_TABLE) return MIGRATION_LOCK_KEY;
  const digest = createHash('sha256').update(`iprs-migration-ledger:${ledger}`).digest();
  return digest.readBigInt64BE(0).toString();
}

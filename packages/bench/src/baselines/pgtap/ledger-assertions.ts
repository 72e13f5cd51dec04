import type { Migration } from '@iprs/schema';
import { literal } from './sql-literal.js';

/** The migration ledger holds exactly the shipped migrations with their checksums (what the ledger check verifies). */
export function ledgerAssertions(ledgerTable: string, migrations: readonly Migration[]): string[] {
  const expected = migrations
    .map((migration) => `(${literal(migration.version)}, ${literal(migration.checksum)})`)
    .join(', ');
  return [
    `SELECT has_table(${literal(ledgerTable)})`,
    `SELECT results_eq(
      ${literal(`SELECT version, checksum FROM ${ledgerTable} ORDER BY version`)},
      ${literal(`VALUES ${expected}`)},
      'ledger records every shipped migration with its checksum')`,
  ];
}

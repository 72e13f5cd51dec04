import { compareReleases, LEDGER_TABLE, type Migration } from '@iprs/schema';
import { checkResult, type CheckResult } from '../report/check-result.js';
import type { Finding } from '../report/finding.js';

export interface LedgerEntry {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
}

/**
 * Compares the migration ledger with the shipped migrations of `release` (pure): each shipped migration up to the
 * release applied with the shipped checksum, and nothing else recorded. `ledger` is null when the ledger table is absent.
 */
export function checkLedger(
  shipped: readonly Migration[],
  release: string,
  ledger: readonly LedgerEntry[] | null,
): CheckResult[] {
  const inRelease = shipped.filter((migration) => compareReleases(migration.version, release) <= 0);
  const applied = new Map((ledger ?? []).map((entry) => [entry.version, entry]));
  const base = { objectType: 'migration', table: null, fix: null } as const;
  const checks = inRelease.map((migration) => {
    const entry = applied.get(migration.version);
    const object = migration.filename;
    const findings: Finding[] = [];
    if (!entry) {
      findings.push({
        ...base,
        kind: 'missing',
        severity: 'error',
        object,
        property: null,
        expected: migration.checksum,
        actual: null,
        message: ledger
          ? `migration ${object} is not recorded as applied in ${LEDGER_TABLE}; run iprs migrate`
          : `the migration ledger ${LEDGER_TABLE} does not exist, so ${object} is not recorded as applied; run iprs migrate`,
      });
    } else if (entry.checksum !== migration.checksum) {
      findings.push({
        ...base,
        kind: 'different',
        severity: 'error',
        object,
        property: 'checksum',
        expected: migration.checksum,
        actual: entry.checksum,
        message: `migration ${object} was applied with checksum ${entry.checksum} but the shipped file has checksum ${migration.checksum}`,
      });
    }
    return checkResult(
      `ledger/${migration.version}`,
      'ledger',
      `migration ${object} is applied with the shipped checksum`,
      findings,
    );
  });
  const known = new Set(inRelease.map((migration) => migration.version));
  const shippedVersions = new Set(shipped.map((migration) => migration.version));
  const unknown = (ledger ?? [])
    .filter((entry) => !known.has(entry.version))
    .map((entry): Finding => ({
      ...base,
      kind: 'unexpected',
      severity: 'error',
      object: `${entry.version}_${entry.name}`,
      property: null,
      expected: null,
      actual: entry.checksum,
      message: shippedVersions.has(entry.version)
        ? `migration ${entry.version}_${entry.name} is applied, but it belongs to a release after ${release}`
        : `migration ${entry.version}_${entry.name} is recorded in ${LEDGER_TABLE} but is not shipped by this @iprs/schema`,
    }));
  checks.push(
    checkResult('ledger/unknown', 'ledger', `the ledger records no migrations beyond release ${release}`, unknown),
  );
  return checks;
}

import type { MigrationState, MigrationStatusEntry } from '@iprs/schema';
import { redactUrl } from '@iprs/schema/internal';
import type { DatabaseTarget } from '../database-target.js';

/** One migration in `iprs status --format json`. */
export interface MigrationStatusReportEntry {
  version: string;
  name: string;
  state: MigrationState;
  /** The checksum of the migration this iprs ships; null for `unknown` (applied, not shipped). */
  checksum: string | null;
  /** The checksum recorded when it was applied; null for `pending`. */
  appliedChecksum: string | null;
  /** ISO 8601; null for `pending`. */
  appliedAt: string | null;
  executionMs: number | null;
}

/** The stable shape of `iprs status --format json` (documented in the README; fields are only ever added). */
export interface MigrationStatusReport {
  formatVersion: 1;
  database: { url: string; source: DatabaseTarget['source'] };
  /** The newest schema release this iprs ships, e.g. "003". */
  newestRelease: string;
  /** True when every shipped migration is applied and nothing is modified or unknown: what `--check` gates on. */
  upToDate: boolean;
  summary: { total: number; applied: number; pending: number; modified: number; unknown: number };
  migrations: MigrationStatusReportEntry[];
}

export function migrationStatusReport(
  target: DatabaseTarget,
  entries: readonly MigrationStatusEntry[],
  newestRelease: string,
): MigrationStatusReport {
  const count = (state: MigrationState) => entries.filter((entry) => entry.state === state).length;
  const summary = {
    total: entries.length,
    applied: count('applied'),
    pending: count('pending'),
    modified: count('modified'),
    unknown: count('unknown'),
  };
  return {
    formatVersion: 1,
    database: { url: redactUrl(target.url), source: target.source },
    newestRelease,
    upToDate: summary.applied === summary.total,
    summary,
    migrations: entries.map((entry) => ({
      version: entry.version,
      name: entry.name,
      state: entry.state,
      checksum: entry.shippedChecksum ?? null,
      appliedChecksum: entry.appliedChecksum ?? null,
      appliedAt: entry.appliedAt?.toISOString() ?? null,
      executionMs: entry.executionMs ?? null,
    })),
  };
}

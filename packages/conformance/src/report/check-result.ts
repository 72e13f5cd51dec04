import type { Finding } from './finding.js';

export type CheckCategory = 'catalog' | 'rules' | 'ledger' | 'probes' | 'reapply' | 'grants' | 'extra';

/** passed: no findings; warned: only warnings; failed: at least one error; skipped: could not be evaluated meaningfully. */
export type CheckStatus = 'passed' | 'warned' | 'failed' | 'skipped';

/** One named assertion about the database, e.g. "index reference_data_isin_idx matches the release". */
export interface CheckResult {
  /** Stable identifier, e.g. `catalog/index/reference_data_isin_idx`, `probes/orphan/position.position_instrument_id_fkey`. */
  readonly id: string;
  readonly category: CheckCategory;
  /** What the check asserts, for people and CI dashboards. */
  readonly title: string;
  readonly status: CheckStatus;
  readonly findings: readonly Finding[];
  /** Why the check was skipped; null unless status is `skipped`. */
  readonly skippedReason: string | null;
}

/** Builds a CheckResult whose status follows from its findings. */
export function checkResult(
  id: string,
  category: CheckCategory,
  title: string,
  findings: readonly Finding[],
): CheckResult {
  const status = findings.some((finding) => finding.severity === 'error')
    ? 'failed'
    : findings.length > 0
      ? 'warned'
      : 'passed';
  return { id, category, title, status, findings, skippedReason: null };
}

export function skippedCheck(id: string, category: CheckCategory, title: string, reason: string): CheckResult {
  return { id, category, title, status: 'skipped', findings: [], skippedReason: reason };
}

import type { ValidationStatus } from '../schemas/enums.js';

/** One thing feed validation noticed. FAIL findings keep a feed out of fx_spot / rating_history; WARN findings do not. */
export interface FeedFinding {
  readonly severity: 'WARN' | 'FAIL';
  /** Stable machine-readable check name, e.g. `TENOR_UNSORTED`; also the OpenLineage assertion name. */
  readonly code: string;
  /** Path inside the payload, e.g. `nodes.3.rate`; empty for the payload as a whole. */
  readonly path: string;
  readonly message: string;
}

export interface FeedValidation {
  readonly status: Exclude<ValidationStatus, 'PENDING'>;
  readonly findings: readonly FeedFinding[];
  /** Every check that ran, passed or not, in order: the OpenLineage dataQualityAssertions facet is built from it. */
  readonly checks: readonly string[];
}

export function fail(code: string, path: string, message: string): FeedFinding {
  return { severity: 'FAIL', code, path, message };
}

export function warn(code: string, path: string, message: string): FeedFinding {
  return { severity: 'WARN', code, path, message };
}

/** FAIL if any finding fails, WARN if any warns, PASS otherwise. */
export function feedValidation(findings: readonly FeedFinding[], checks: readonly string[]): FeedValidation {
  const status = findings.some((f) => f.severity === 'FAIL')
    ? 'FAIL'
    : findings.some((f) => f.severity === 'WARN')
      ? 'WARN'
      : 'PASS';
  return { status, findings, checks };
}

import type { CheckResult } from './check-result.js';

/**
 * The result of verifySchema, and (as is) the JSON reporter's output. The shape is stable: fields are only ever added;
 * a breaking change bumps `formatVersion`. Documented in the package README and in report.schema.json.
 */
export interface VerificationReport {
  readonly formatVersion: 1;
  /** The release verified against, e.g. `'002'`. */
  readonly release: string;
  /** The PostgreSQL schema verified, e.g. `public`. */
  readonly schema: string;
  /** True when no check failed (warnings and skipped checks do not fail). */
  readonly conforms: boolean;
  readonly options: {
    readonly strict: boolean;
    readonly probes: boolean;
    readonly reapply: boolean;
    /** Whether the grants of the iprs roles were checked (verifySchema's checkGrants). */
    readonly grants: boolean;
  };
  readonly database: {
    readonly name: string;
    /** server_version, e.g. `18.4`. */
    readonly serverVersion: string;
  };
  /** ISO 8601 time the verification started. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: ReportSummary;
  readonly checks: readonly CheckResult[];
}

export interface ReportSummary {
  readonly checks: number;
  readonly passed: number;
  readonly warned: number;
  readonly failed: number;
  readonly skipped: number;
  /** Findings of severity error / warning, over all checks. */
  readonly errors: number;
  readonly warnings: number;
}

export function summarise(checks: readonly CheckResult[]): ReportSummary {
  const findings = checks.flatMap((check) => check.findings);
  return {
    checks: checks.length,
    passed: checks.filter((check) => check.status === 'passed').length,
    warned: checks.filter((check) => check.status === 'warned').length,
    failed: checks.filter((check) => check.status === 'failed').length,
    skipped: checks.filter((check) => check.status === 'skipped').length,
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
  };
}

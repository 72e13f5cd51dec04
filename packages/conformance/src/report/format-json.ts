import type { CheckResult } from './check-result.js';
import type { Finding } from './finding.js';
import type { VerificationReport } from './verification-report.js';

/** The report as JSON (the shape of VerificationReport, documented in the README and report.schema.json). */
export function formatJson(report: VerificationReport): string {
  return `${JSON.stringify({ ...report, checks: report.checks.map(orderedCheck) }, null, 2)}\n`;
}

// The same key order in every check and finding, whichever code built them, so diffs of two reports stay readable.
function orderedCheck(check: CheckResult): CheckResult {
  const { id, category, title, status, findings, skippedReason } = check;
  return { id, category, title, status, findings: findings.map(orderedFinding), skippedReason };
}

function orderedFinding(finding: Finding): Finding {
  const { kind, severity, objectType, object, table, property, expected, actual, message, fix } = finding;
  return { kind, severity, objectType, object, table, property, expected, actual, message, fix };
}

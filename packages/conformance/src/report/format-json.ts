import type { VerificationReport } from './verification-report.js';

/** The report as JSON (the shape of VerificationReport, documented in the README and report.schema.json). */
export function formatJson(report: VerificationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

import type { LineageAssertion } from '../lineage/lineage-metadata.js';
import type { FeedValidation } from './feed-finding.js';

/** Every check as an OpenLineage data-quality assertion: one success per clean check, one failure per finding. */
export function feedAssertions(validation: FeedValidation): LineageAssertion[] {
  const failedCodes = new Set(validation.findings.map((finding) => finding.code));
  return [
    ...validation.checks.filter((code) => !failedCodes.has(code)).map((code) => ({ assertion: code, success: true })),
    ...validation.findings.map((finding) => ({
      assertion: finding.code,
      success: false,
      ...(finding.path ? { column: finding.path } : {}),
    })),
  ];
}

import junitReportBuilderModule from 'junit-report-builder';
import type { CheckCategory } from './check-result.js';
import type { Finding } from './finding.js';
import type { VerificationReport } from './verification-report.js';

// The package's types declare an ES default export; at run time its CommonJS module.exports is the builder itself.
const junitReportBuilder = junitReportBuilderModule as unknown as typeof junitReportBuilderModule.default;

/**
 * JUnit XML for CI dashboards: one <testsuite> per check category, one <testcase> per check. A failed check carries a
 * <failure> with its findings (expected, actual, fix); warnings of a passing check go to <system-out>; a skipped
 * check is <skipped/> with its reason in <system-out>.
 */
export function formatJunit(report: VerificationReport): string {
  const builder = junitReportBuilder.newBuilder().name(`iprs verify release ${report.release}`);
  const categories = [...new Set(report.checks.map((check) => check.category))];
  for (const category of categories) {
    const suite = builder.testSuite().name(`iprs.${category}`);
    for (const check of report.checks.filter((candidate) => candidate.category === category)) {
      const testCase = suite.testCase().className(className(category)).name(check.title);
      if (check.status === 'failed') {
        const errors = check.findings.filter((finding) => finding.severity === 'error');
        testCase.failure(errors.map((finding) => finding.message).join('; '), errors[0]?.kind ?? 'failed');
        testCase.stacktrace(check.findings.map(describe).join('\n\n'));
      } else if (check.status === 'skipped') {
        testCase.skipped().standardOutput(check.skippedReason ?? '');
      } else if (check.findings.length > 0) {
        testCase.standardOutput(check.findings.map(describe).join('\n\n'));
      }
    }
  }
  return builder.build();
}

function className(category: CheckCategory): string {
  return `iprs.verify.${category}`;
}

function describe(finding: Finding): string {
  const lines = [
    `${finding.severity}: ${finding.message}`,
    `  ${finding.kind} ${finding.objectType} ${finding.object}${finding.property ? ` (${finding.property})` : ''}`,
    `  expected: ${JSON.stringify(finding.expected)}`,
    `  actual:   ${JSON.stringify(finding.actual)}`,
  ];
  if (finding.fix) lines.push(`  fix:\n    ${finding.fix.replaceAll('\n', '\n    ')}`);
  return lines.join('\n');
}

import type { CheckResult } from './check-result.js';
import type { VerificationReport } from './verification-report.js';

/**
 * TAP version 14: one test point per check; failed checks are `not ok`, skipped ones carry `# SKIP reason`, and
 * findings (also the warnings of passing checks) follow as a YAML diagnostic block. JSON is valid YAML, so values are
 * written as JSON.
 */
export function formatTap(report: VerificationReport): string {
  const lines = ['TAP version 14', `1..${report.checks.length}`];
  report.checks.forEach((check, index) => {
    const description = `${check.title} [${check.id}]`.replaceAll('#', '\\#').replaceAll('\n', ' ');
    const ok = check.status === 'failed' ? 'not ok' : 'ok';
    const directive = check.status === 'skipped' ? ` # SKIP ${check.skippedReason ?? ''}`.trimEnd() : '';
    lines.push(`${ok} ${index + 1} - ${description}${directive}`);
    if (check.findings.length > 0) lines.push(...diagnostics(check));
  });
  const { summary } = report;
  lines.push(
    `# release ${report.release}: ${report.conforms ? 'conforms' : 'does not conform'}; ${summary.checks} checks, ` +
      `${summary.passed} passed, ${summary.warned} warned, ${summary.failed} failed, ${summary.skipped} skipped`,
  );
  return `${lines.join('\n')}\n`;
}

function diagnostics(check: CheckResult): string[] {
  const block = ['  ---', `  message: ${JSON.stringify(check.findings.map((finding) => finding.message).join('; '))}`];
  block.push(`  severity: ${check.status === 'failed' ? 'fail' : 'comment'}`);
  block.push('  findings:');
  for (const finding of check.findings) {
    block.push(`    - ${JSON.stringify(finding)}`);
  }
  block.push('  ...');
  return block;
}

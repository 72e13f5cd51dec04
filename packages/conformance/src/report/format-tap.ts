import type { CheckResult } from './check-result.js';
import type { JsonValue } from './finding.js';
import type { VerificationReport } from './verification-report.js';
import { yamlishLines } from './yamlish.js';

/**
 * TAP version 13, the version every common consumer reads (Perl's `prove` rejects a stream that declares 14): one test
 * point per check; failed checks are `not ok`, skipped ones `ok … # SKIP reason`, and findings (also the warnings of
 * passing checks, which stay `ok`) follow as a YAML diagnostic block indented two spaces, in the YAMLish subset.
 */
export function formatTap(report: VerificationReport): string {
  const lines = ['TAP version 13', `1..${report.checks.length}`];
  report.checks.forEach((check, index) => {
    const description = oneLine(`${check.title} [${check.id}]`).replaceAll('#', '\\#');
    const ok = check.status === 'failed' ? 'not ok' : 'ok';
    const directive = check.status === 'skipped' ? ` # SKIP ${oneLine(check.skippedReason ?? '')}`.trimEnd() : '';
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

/** A test line ends at the first line break, so titles and skip reasons are kept on one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function diagnostics(check: CheckResult): string[] {
  const block = {
    message: check.findings.map((finding) => finding.message).join('; '),
    severity: check.status === 'failed' ? 'fail' : 'comment',
    findings: check.findings.map((finding): JsonValue => ({ ...finding })),
  };
  return ['  ---', ...yamlishLines(block, '  '), '  ...'];
}

import pc from 'picocolors';
import type { CheckCategory, CheckResult } from './check-result.js';
import type { Finding } from './finding.js';
import type { VerificationReport } from './verification-report.js';

export interface TextFormatOptions {
  /** Colour the output (the CLI enables it on a TTY unless NO_COLOR is set). Default false. */
  readonly color?: boolean;
  /** List passed checks too, not only those with findings or skipped. Default false. */
  readonly verbose?: boolean;
}

const categoryTitles: Record<CheckCategory, string> = {
  catalog: 'Catalog',
  rules: 'Release rules',
  ledger: 'Migration ledger',
  probes: 'Behavioural probes',
  reapply: 'Re-apply',
  grants: 'Grants',
  extra: 'Extra checks',
};

/** For people: the checks that need attention grouped by category, each finding with its fix, then a summary line. */
export function formatText(report: VerificationReport, options: TextFormatOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const lines = [
    c.bold(`iprs verify: release ${report.release}`) +
      c.dim(
        ` — database ${report.database.name} (PostgreSQL ${report.database.serverVersion}), schema ${report.schema}`,
      ),
  ];
  const categories = [...new Set(report.checks.map((check) => check.category))];
  for (const category of categories) {
    const checks = report.checks.filter((check) => check.category === category);
    const shown = options.verbose ? checks : checks.filter((check) => check.status !== 'passed');
    const passed = checks.filter((check) => check.status === 'passed').length;
    lines.push('', `${c.bold(categoryTitles[category])} ${c.dim(`(${passed}/${checks.length} passed)`)}`);
    for (const check of shown) lines.push(...describeCheck(check, c));
  }
  const { summary } = report;
  const counts = [
    c.green(`${summary.passed} passed`),
    summary.warned > 0 ? c.yellow(`${summary.warned} warned`) : `${summary.warned} warned`,
    summary.failed > 0 ? c.red(`${summary.failed} failed`) : `${summary.failed} failed`,
    `${summary.skipped} skipped`,
  ].join(', ');
  const verdict = report.conforms
    ? c.green(c.bold(`conforms to release ${report.release}`))
    : c.red(c.bold(`does NOT conform to release ${report.release}`));
  lines.push('', `${verdict}: ${summary.checks} checks, ${counts} in ${report.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}

type Colors = ReturnType<typeof pc.createColors>;

function describeCheck(check: CheckResult, c: Colors): string[] {
  const marks = {
    passed: c.green('✓'),
    warned: c.yellow('!'),
    failed: c.red('✗'),
    skipped: c.dim('-'),
  };
  const lines = [
    `  ${marks[check.status]} ${check.title}${check.status === 'skipped' ? c.dim(` (skipped: ${check.skippedReason})`) : ''}`,
  ];
  for (const finding of check.findings) lines.push(...describeFinding(finding, c));
  return lines;
}

function describeFinding(finding: Finding, c: Colors): string[] {
  const colour = finding.severity === 'error' ? c.red : c.yellow;
  const lines = [`      ${colour(finding.severity)} ${finding.message}`];
  if (finding.fix) lines.push(c.dim(`        fix: ${finding.fix.replaceAll('\n', '\n             ')}`));
  return lines;
}

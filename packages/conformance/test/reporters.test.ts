import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkResult,
  formatReport,
  skippedCheck,
  summarise,
  verifySchema,
  type CheckResult,
  type VerificationReport,
} from '../src/index.js';
import { execute, withClonedDatabase } from './support/databases.js';

const reportSchema = JSON.parse(readFileSync(new URL('../report.schema.json', import.meta.url), 'utf8'));

let report: VerificationReport;

beforeAll(async () => {
  // A real report with failures (a changed ON DELETE), a warning (an extra index) and, spliced in, a skipped check.
  const verified = await withClonedDatabase(async (url) => {
    await execute(
      url,
      `ALTER TABLE valuation_result DROP CONSTRAINT valuation_result_run_id_fkey,
         ADD CONSTRAINT valuation_result_run_id_fkey FOREIGN KEY (run_id) REFERENCES run (run_id) ON DELETE RESTRICT;
       CREATE INDEX run_status_idx ON run (status)`,
    );
    return verifySchema(url);
  });
  const checks: CheckResult[] = [
    ...verified.checks,
    skippedCheck('probes/example', 'probes', 'an example <probe> & "skip"', 'the database was busy'),
  ];
  report = { ...verified, checks, summary: summarise(checks) };
});

describe('reporters', () => {
  it('JSON matches the documented JSON Schema and round-trips', () => {
    const parsed = JSON.parse(formatReport(report, 'json'));
    // Formats are annotations here (no ajv-formats); the date is checked by hand.
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(reportSchema);
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(new Date(parsed.startedAt).toISOString()).toBe(parsed.startedAt);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(parsed.summary).toMatchObject({ failed: report.summary.failed, warned: 1, skipped: 1 });
  });

  it('JUnit XML has one testcase per check, failures and skips where the checks have them', () => {
    const xml = formatReport(report, 'junit');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = [parsed.testsuites.testsuite].flat();
    const cases = suites.flatMap((suite: { testcase: unknown }) => [suite.testcase].flat()) as Record<
      string,
      unknown
    >[];
    expect(cases).toHaveLength(report.checks.length);
    expect(Number(parsed.testsuites.tests)).toBe(report.checks.length);
    expect(cases.filter((testCase) => 'failure' in testCase)).toHaveLength(report.summary.failed);
    expect(cases.filter((testCase) => 'skipped' in testCase)).toHaveLength(1);
    expect(Number(parsed.testsuites.failures)).toBe(report.summary.failed);
    const onDelete = cases.find(
      (testCase) =>
        testCase.name === 'foreign key valuation_result_run_id_fkey on valuation_result matches the release',
    );
    expect(JSON.stringify(onDelete)).toContain('onDelete differs (expected CASCADE, actual RESTRICT)');
    expect(suites.map((suite: { name: string }) => suite.name)).toEqual([
      'iprs.catalog',
      'iprs.rules',
      'iprs.ledger',
      'iprs.probes',
    ]);
  });

  it('TAP has a plan line, one test point per check, not ok for failures and # SKIP for skips', () => {
    const lines = formatReport(report, 'tap').trimEnd().split('\n');
    expect(lines[0]).toBe('TAP version 13');
    expect(lines[1]).toBe(`1..${report.checks.length}`);
    const points = lines.filter((line) => /^(not )?ok \d+ - /.test(line));
    expect(points).toHaveLength(report.checks.length);
    expect(points.map((line) => Number(/^(?:not )?ok (\d+)/.exec(line)?.[1]))).toEqual(
      report.checks.map((_, index) => index + 1),
    );
    expect(points.filter((line) => line.startsWith('not ok'))).toHaveLength(report.summary.failed);
    expect(points.filter((line) => line.includes('# SKIP the database was busy'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^# release \d+: does not conform/);
    // A YAML diagnostics block, indented two spaces, after each check with findings (what consumers read it as is
    // tested in report-consumers.test.ts), one block-sequence item per finding.
    expect(lines.filter((line) => line === '  ---')).toHaveLength(
      report.checks.filter((check) => check.findings.length > 0).length,
    );
    expect(lines.filter((line) => line === '  ...')).toHaveLength(
      report.checks.filter((check) => check.findings.length > 0).length,
    );
    expect(lines.filter((line) => /^ {4}- \w+: /.test(line))).toHaveLength(
      report.summary.errors + report.summary.warnings,
    );
  });

  it('text lists what needs attention with fixes and ends with a summary line; colour only when asked', () => {
    const plain = formatReport(report, 'text');
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toContain('✗ foreign key valuation_result_run_id_fkey on valuation_result matches the release');
    expect(plain).toContain('fix: ALTER TABLE valuation_result DROP CONSTRAINT valuation_result_run_id_fkey');
    expect(plain).toContain('warning index run_status_idx is not part of the release');
    expect(plain.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^does NOT conform to release \\d+: ${report.summary.checks} checks, ${report.summary.passed} passed, 1 warned`,
      ),
    );
    expect(plain).not.toContain('✓ table instrument matches the release');
    expect(formatReport(report, 'text', { verbose: true })).toContain('✓ table instrument matches the release');
    expect(formatReport(report, 'text', { color: true })).toMatch(/\u001b\[31m/);
  });

  it('a conforming report says so in every format', () => {
    const checks = [checkResult('catalog/table/x', 'catalog', 'table x matches the release', [])];
    const clean: VerificationReport = { ...report, conforms: true, checks, summary: summarise(checks) };
    expect(formatReport(clean, 'text')).toMatch(/conforms to release \d+: 1 checks, 1 passed/);
    expect(formatReport(clean, 'tap')).toContain('ok 1 - table x matches the release [catalog/table/x]');
    expect(formatReport(clean, 'junit')).toContain('failures="0"');
    expect(JSON.parse(formatReport(clean, 'json')).conforms).toBe(true);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseJunit, type TestCase } from 'junit2json';
import { Parser as NodeTapParser, type Result as NodeTapResult } from 'tap-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkResult,
  formatReport,
  skippedCheck,
  summarise,
  verifySchema,
  type CheckResult,
  type Finding,
  type VerificationReport,
} from '../src/index.js';
import { execute, withClonedDatabase } from './support/databases.js';

// The reports as the tools people already run read them: Perl's prove (TAP::Harness, what pg_prove users run; it
// knows TAP 13 only), node-tap's tap-parser, and junit2json, which reads JUnit XML with xml2js — the XML parser the
// popular test-report GitHub actions (dorny/test-reporter) use.

const readTapScript = fileURLToPath(new URL('./support/read-tap.pl', import.meta.url));
let directory: string;
let conforming: VerificationReport;
let drifted: VerificationReport;

/** Runs a program; resolves with its exit code and output whatever the exit code (bounded to 30 s). */
function run(command: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (typeof code === 'number') resolve({ code, stdout, stderr });
      else reject(error ?? new Error(`${command} did not exit`));
    });
  });
}

async function reportFile(report: VerificationReport, format: 'tap' | 'junit', name: string): Promise<string> {
  const file = join(directory, `${name}.${format === 'tap' ? 'tap' : 'xml'}`);
  await writeFile(file, formatReport(report, format));
  return file;
}

/** The test numbers (1-based) of the checks with `status`. */
function numbersOf(report: VerificationReport, status: CheckResult['status']): number[] {
  return report.checks.flatMap((check, index) => (check.status === status ? [index + 1] : []));
}

interface PerlTapReading {
  version: number;
  tests: Array<{
    number: number;
    ok: boolean;
    skip: boolean;
    description: string;
    diagnostics?: { findings: unknown[] };
  }>;
  passed: number[];
  failed: number[];
  skipped: number[];
  parseErrors: string[];
}

async function readWithPerl(file: string): Promise<PerlTapReading> {
  const result = await run('perl', [readTapScript, file]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as PerlTapReading;
}

function readWithNodeTap(
  tap: string,
): Promise<{ asserts: NodeTapResult[]; ok: boolean; fail: number; skip: number; count: number }> {
  return new Promise((resolve) => {
    const asserts: NodeTapResult[] = [];
    const parser = new NodeTapParser((results) =>
      resolve({ asserts, ok: results.ok, fail: results.fail, skip: results.skip, count: results.count }),
    );
    parser.on('assert', (result: NodeTapResult) => asserts.push(result));
    parser.end(tap);
  });
}

/** Findings as a diagnostic block carries them: plain data. */
function findingsOf(check: CheckResult): unknown[] {
  return JSON.parse(JSON.stringify(check.findings));
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iprs-report-consumers-'));
  conforming = await withClonedDatabase((url) => verifySchema(url));
  // Real drift: a foreign key and an index gone (failures), an index a DBA added (a warning on a passing check); and,
  // spliced in, a skipped check as verify reports one when the database is busy.
  const verified = await withClonedDatabase(async (url) => {
    await execute(
      url,
      `ALTER TABLE position DROP CONSTRAINT position_instrument_id_fkey;
       DROP INDEX reference_data_isin_idx;
       CREATE INDEX run_status_idx ON run (status)`,
    );
    return verifySchema(url);
  });
  const checks = [
    ...verified.checks,
    skippedCheck('probes/example', 'probes', 'an example probe', 'the database was busy'),
  ];
  drifted = { ...verified, checks, summary: summarise(checks) };
});

afterAll(() => rm(directory, { recursive: true, force: true }));

describe('TAP through Perl prove (TAP::Harness)', () => {
  it('a conforming database: Result: PASS, every test run, no parse errors', async () => {
    expect(conforming.conforms).toBe(true);
    const file = await reportFile(conforming, 'tap', 'conforming');
    const prove = await run('prove', ['--exec', 'cat', file]);
    expect(prove.code, prove.stdout).toBe(0);
    expect(prove.stdout).toContain('All tests successful.');
    expect(prove.stdout).toContain(`Tests=${conforming.checks.length},`);
    expect(prove.stdout).toContain('Result: PASS');
    expect(prove.stdout + prove.stderr).not.toContain('Parse errors');
  });

  it('a drifted database: Result: FAIL naming exactly the failed checks; warnings pass, skips count as skipped', async () => {
    expect(drifted.summary).toMatchObject({ failed: expect.any(Number), warned: 1, skipped: 1 });
    expect(drifted.summary.failed).toBeGreaterThanOrEqual(2);
    const file = await reportFile(drifted, 'tap', 'drifted');
    const prove = await run('prove', ['--exec', 'cat', file]);
    expect(prove.code).not.toBe(0);
    expect(prove.stdout).toContain('Result: FAIL');
    expect(prove.stdout).not.toContain('Parse errors');
    const failed = /Failed tests:\s+([\d, -]+)\n/.exec(prove.stdout)?.[1];
    expect(failed?.split(',').map((number) => Number(number.trim()))).toEqual(numbersOf(drifted, 'failed'));
    expect(prove.stdout).toContain(`Failed ${drifted.summary.failed}/${drifted.checks.length} subtests`);
    expect(prove.stdout).toContain(
      `less 1 skipped subtest: ${drifted.checks.length - drifted.summary.failed - 1} okay`,
    );
  });

  it("TAP::Parser reads version 13, every test point and every YAML block as the findings' data", async () => {
    const reading = await readWithPerl(await reportFile(drifted, 'tap', 'drifted-perl'));
    expect(reading.version).toBe(13);
    expect(reading.parseErrors).toEqual([]);
    expect(reading.tests).toHaveLength(drifted.checks.length);
    expect(reading.failed).toEqual(numbersOf(drifted, 'failed'));
    expect(reading.skipped).toEqual(numbersOf(drifted, 'skipped'));
    expect(reading.passed).toHaveLength(drifted.checks.length - drifted.summary.failed);
    drifted.checks.forEach((check, index) => {
      const test = reading.tests[index]!;
      expect(test.description).toBe(`- ${check.title} [${check.id}]`);
      if (check.findings.length === 0) expect(test.diagnostics).toBeUndefined();
      else expect(test.diagnostics?.findings).toEqual(findingsOf(check));
    });
  });
});

describe('TAP through node-tap (tap-parser)', () => {
  it('conforming: ok, every assert passes', async () => {
    const reading = await readWithNodeTap(formatReport(conforming, 'tap'));
    expect(reading).toMatchObject({ ok: true, fail: 0, count: conforming.checks.length });
  });

  it('drifted: the failed checks fail with their findings as diagnostics, the warned one passes, the skip is a skip', async () => {
    const reading = await readWithNodeTap(formatReport(drifted, 'tap'));
    expect(reading).toMatchObject({ ok: false, fail: drifted.summary.failed, skip: 1, count: drifted.checks.length });
    expect(reading.asserts.filter((result) => !result.ok).map((result) => result.id)).toEqual(
      numbersOf(drifted, 'failed'),
    );
    for (const result of reading.asserts) {
      const check = drifted.checks[result.id - 1]!;
      if (check.findings.length > 0) expect(result.diag?.['findings']).toEqual(findingsOf(check));
    }
    const warned = numbersOf(drifted, 'warned')[0]!;
    expect(reading.asserts[warned - 1]).toMatchObject({ ok: true, diag: { severity: 'comment' } });
  });
});

describe('TAP diagnostics survive awkward text in both parsers', () => {
  const awkward = [
    'quotes " and \\"escaped\\" ones, a backslash at the end \\',
    'lines\nbreak\r\nand\ttab, a NUL \u0000 and a bell \u0007',
    '# not a directive, ok 7, not ok 8, --- and ...',
    'unicode: position(instrument_id) → instrument, ü, 日本',
    "'single' quotes: and a colon",
  ];
  const finding = (message: string, expected: Finding['expected']): Finding => ({
    kind: 'different',
    severity: 'error',
    objectType: 'column',
    object: 'x.y',
    table: 'x',
    property: 'type',
    expected,
    actual: null,
    message,
    fix: `-- ${message}\nALTER TABLE x ALTER COLUMN y TYPE text;`,
  });
  const checks = [
    ...awkward.map((text, index) =>
      checkResult(`catalog/column/x.y${index}`, 'catalog', `column # ${index} with ${text.slice(0, 10)}`, [
        finding(text, {
          nested: {
            list: [1, 2.5, true, null, text, [text, []], { 'key with spaces': text, plain: text }, { plain: text }],
            empty: [],
            none: {},
          },
          'key with spaces': text,
        }),
      ]),
    ),
    checkResult('catalog/table/x', 'catalog', 'table x matches the release', []),
    skippedCheck('probes/y', 'probes', 'a probe titled\r\nover # two lines', 'busy:\nlocked by # pid 42'),
  ];
  const report: VerificationReport = {
    ...({} as VerificationReport),
    release: '003',
    conforms: false,
    checks,
    summary: summarise(checks),
  };

  it('TAP::Parser and tap-parser both read back exactly the findings', async () => {
    const file = join(directory, 'awkward.tap');
    await writeFile(file, formatReport(report, 'tap'));
    const perl = await readWithPerl(file);
    expect(perl.parseErrors).toEqual([]);
    expect(perl.failed).toEqual(awkward.map((_, index) => index + 1));
    expect(perl.passed).toEqual([checks.length - 1, checks.length]);
    expect(perl.skipped).toEqual([checks.length]);
    expect(perl.tests).toHaveLength(checks.length);
    const node = await readWithNodeTap(formatReport(report, 'tap'));
    expect(node).toMatchObject({ count: checks.length, fail: awkward.length, skip: 1 });
    expect(node.asserts.at(-1)).toMatchObject({ skip: 'busy: locked by # pid 42' });
    checks.forEach((check, index) => {
      if (check.findings.length === 0) return;
      // YAMLish has no booleans or numbers: Perl reads every scalar as a string.
      const asPerlReadsIt = JSON.parse(
        JSON.stringify(findingsOf(check), (_, value) =>
          typeof value === 'number' || typeof value === 'boolean' ? String(value) : value,
        ),
      );
      expect(perl.tests[index]?.diagnostics?.findings).toEqual(asPerlReadsIt);
      expect(node.asserts[index]?.diag?.['findings']).toEqual(findingsOf(check));
    });
  });
});

describe('JUnit XML through junit2json (xml2js)', () => {
  async function parsed(report: VerificationReport) {
    const xml = formatReport(report, 'junit');
    const suites = await parseJunit(xml);
    if (!suites || !('testsuite' in suites)) throw new Error('no <testsuites> root');
    const cases: TestCase[] = (suites.testsuite ?? []).flatMap((suite) => suite.testcase ?? []);
    return { suites, cases };
  }

  it('conforming: as many testcases as checks, no failures, no skips, counts that agree', async () => {
    const { suites, cases } = await parsed(conforming);
    expect(suites).toMatchObject({ tests: conforming.checks.length, failures: 0, errors: 0 });
    expect(cases).toHaveLength(conforming.checks.length);
    expect(cases.filter((testCase) => testCase.failure)).toHaveLength(0);
    expect(cases.filter((testCase) => testCase.skipped)).toHaveLength(0);
    for (const suite of suites.testsuite ?? []) expect(suite.tests).toBe(suite.testcase?.length);
  });

  it('drifted: failures and skips where the checks have them, the counts in every suite agree', async () => {
    const { suites, cases } = await parsed(drifted);
    expect(suites).toMatchObject({ tests: drifted.checks.length, failures: drifted.summary.failed, errors: 0 });
    expect(cases).toHaveLength(drifted.checks.length);
    const failedTitles = drifted.checks.filter((check) => check.status === 'failed').map((check) => check.title);
    expect(
      cases
        .filter((testCase) => testCase.failure)
        .map((testCase) => testCase.name)
        .sort(),
    ).toEqual(failedTitles.sort());
    expect(cases.filter((testCase) => testCase.skipped).map((testCase) => testCase.name)).toEqual(['an example probe']);
    for (const suite of suites.testsuite ?? []) {
      const suiteCases = suite.testcase ?? [];
      expect(suite.tests).toBe(suiteCases.length);
      expect(suite.failures).toBe(suiteCases.filter((testCase) => testCase.failure).length);
      expect(suite.skipped).toBe(suiteCases.filter((testCase) => testCase.skipped).length);
    }
    const missingIndex = cases.find(
      (testCase) => testCase.name === 'index reference_data_isin_idx matches the release',
    );
    expect(missingIndex?.failure?.[0]?.message).toBe('index reference_data_isin_idx is missing');
  });
});

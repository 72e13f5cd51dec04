import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../baselines/find-executable.js';
import { openPgtapServer } from '../baselines/pgtap/open-pgtap-server.js';
import { pgProve } from '../baselines/pgtap/pg-prove.js';
import { preparePgtapDatabase } from '../baselines/pgtap/prepare-pgtap-database.js';
import { BaselineUnavailableError } from '../errors/baseline-unavailable-error.js';
import { elapsedMs } from '../harness/elapsed.js';
import { measurePair } from '../harness/measure-pair.js';
import { runCommandOrThrow } from '../harness/run-command.js';
import { summarize } from '../harness/summary.js';
import type { BenchResult } from '../report/bench-result.js';
import { describePostgres } from '../report/environment.js';
import { formatFigure } from '../report/format-figure.js';
import { judge } from '../report/judge.js';
import type { BenchContext } from './bench-context.js';

const work = '`iprs verify` of the full schema, probes on';

/** The part of `iprs verify --format json` this benchmark reads. */
interface VerifyJson {
  readonly durationMs: number;
  readonly summary: { readonly checks: number };
}
const target = { of: 'ratio', comparison: 'atMost', threshold: 0.5 } as const;

/** The `iprs` bin of the workspace's @iprs/cli build. */
const iprsBin = fileURLToPath(new URL('./bin.js', import.meta.resolve('@iprs/cli')));

/**
 * `iprs verify` end to end (a Node process: start-up, connect, catalog read, checks, probes) against `pg_prove` of a
 * pgTAP file asserting the same things (a Perl process running psql), both on the same freshly migrated database.
 */
export async function verifyBenchmark({ profile, server, log }: BenchContext): Promise<BenchResult> {
  const pgProvePath = findExecutable('pg_prove');
  if (!pgProvePath) {
    return {
      id: 'verify',
      work,
      target,
      verdict: 'skipped',
      note: 'pg_prove is not installed (Debian postgresql-15-pgtap): no pgTAP baseline',
    };
  }
  let pgtap;
  try {
    pgtap = await openPgtapServer(server);
  } catch (error) {
    if (error instanceof BaselineUnavailableError)
      return { id: 'verify', work, target, verdict: 'skipped', note: error.message };
    throw error;
  }
  const directory = await mkdtemp(join(tmpdir(), 'iprs-bench-verify-'));
  try {
    const databaseUrl = await pgtap.createDatabase();
    const file = join(directory, 'schema.pg');
    const assertions = await preparePgtapDatabase(databaseUrl, file);
    const postgres = await describePostgres(databaseUrl);
    log(`verify: ${assertions} pgTAP assertions; both tools on ${pgtap.description}`);
    const reports: VerifyJson[] = [];
    const verify = async () => {
      const { stdout } = await runCommandOrThrow(process.execPath, [
        iprsBin,
        'verify',
        '--format',
        'json',
        '--database-url',
        databaseUrl,
      ]);
      reports.push(JSON.parse(stdout) as VerifyJson);
    };
    const { iprs, baseline } = await measurePair({
      rounds: profile.verifyRounds,
      warmupRounds: 1,
      iprs: () => elapsedMs(verify),
      baseline: () => elapsedMs(() => pgProve(pgProvePath, databaseUrl, file)),
    });
    const checks = reports.at(-1)?.summary.checks ?? 0;
    const insideMs = summarize(reports.slice(1).map((report) => report.durationMs));
    return judge({
      id: 'verify',
      work,
      iprs: { label: 'iprs verify (CLI process, probes on)', unit: 'ms', summary: iprs },
      baseline: { label: `pg_prove of ${assertions} equivalent pgTAP assertions`, unit: 'ms', summary: baseline },
      target,
      note:
        `both are whole processes on the same database (${pgtap.description}: ${postgres.version.split(' ').slice(0, 2).join(' ')}); ` +
        `iprs ran ${checks} checks, ${formatFigure(insideMs.median, 'ms')} of them inside verifySchema (the rest is Node start-up and module loading); ` +
        `pgTAP ran ${assertions} assertions`,
      details: {
        iprsChecks: checks,
        iprsVerifySchemaMs: insideMs,
        pgtapAssertions: assertions,
        postgres: postgres.version,
        server: pgtap.description,
      },
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
    await pgtap.close();
  }
}

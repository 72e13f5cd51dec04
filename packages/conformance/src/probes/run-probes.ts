import type { SchemaSnapshot } from '@iprs/schema';
import pg from 'pg';
import { checkResult, skippedCheck, type CheckResult } from '../report/check-result.js';
import { databaseError, describeRejection, isTimeout } from './database-error.js';
import type { Finding } from '../report/finding.js';
import { behaviourFinding, type BatchedProbe, type Probe, type ProbeContext } from './probe.js';
import { ProbeRowBuilder, type TrialOutcome } from './probe-row-builder.js';
import { createProbeFunctions } from './probe-rows-function.js';
import { ProbeSession } from './probe-session.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { ProbeTransactionLostError } from './probe-transaction-lost-error.js';
import { planProbes } from './plan-probes.js';

export interface ProbeOptions {
  /** Defaults to `public`. */
  readonly schema?: string;
  /** How long a probe statement may wait for a lock before the probe is skipped; default 1000 ms. */
  readonly lockTimeoutMs?: number;
  /** How long a probe statement may run; default 5000 ms. */
  readonly statementTimeoutMs?: number;
}

/**
 * Runs the manifest's behavioural probes inside ONE transaction that always rolls back, each probe rolled back to a
 * savepoint taken before the first (sent with the next probe's first statement), so no row, sequence value or lock
 * outlives the run. Short lock and statement
 * timeouts keep the probes from queueing behind (or holding up) a busy production database; a probe that hits one is
 * reported as skipped.
 */
export async function runProbes(
  client: pg.ClientBase,
  manifest: SchemaSnapshot,
  options: ProbeOptions = {},
): Promise<CheckResult[]> {
  const probes = planProbes(manifest);
  const lockTimeoutMs = options.lockTimeoutMs ?? 1000;
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const setUp = (withProbeRowsFunction: boolean) =>
    [
      'BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE',
      `SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(lockTimeoutMs))}`,
      `SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(statementTimeoutMs))}`,
      `SET LOCAL search_path = ${pg.escapeIdentifier(options.schema ?? 'public')}`,
      // Deferred constraints would only complain at COMMIT, which never comes.
      'SET CONSTRAINTS ALL IMMEDIATE',
      // Before the savepoint, so that going back to it keeps the function; the ROLLBACK at the end drops it.
      ...(withProbeRowsFunction ? [createProbeFunctions] : []),
      // ROLLBACK TO keeps the savepoint: every probe starts from here.
      'SAVEPOINT iprs_probe',
    ].join('; ');
  let chained = true;
  try {
    try {
      await client.query(setUp(true));
    } catch {
      // E.g. a role without the TEMP privilege cannot create the function: its rows go in one by one.
      await client.query('ROLLBACK').catch(() => undefined);
      chained = false;
      await client.query(setUp(false));
    }
  } catch (error) {
    // E.g. a hot standby refuses a read-write transaction: nothing can be probed, which says nothing about the schema.
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = notRunReason(error) ?? `the probe transaction could not start: ${describeRejection(error)}`;
    return probes.map((probe) => skippedCheck(probe.id, 'probes', probe.title, reason));
  }
  const session = new ProbeSession(client);
  const context: ProbeContext = { session, rows: new ProbeRowBuilder(session, manifest, { chained }), manifest };
  const results: CheckResult[] = [];
  let broken: string | null = null;
  try {
    const judged = await judgeTogether(probes, context);
    for (const [index, probe] of probes.entries()) {
      const findings = judged[index];
      if (findings) {
        results.push(checkResult(probe.id, 'probes', probe.title, findings));
        continue;
      }
      if (!broken) {
        try {
          results.push(await runOne(probe, context));
          session.endProbe('ROLLBACK TO SAVEPOINT iprs_probe');
          continue;
        } catch (error) {
          // Going back to the savepoint after the probe before this one failed.
          if (!(error instanceof ProbeTransactionLostError)) throw error;
          broken = `the probe transaction was lost: ${describeRejection(error.cause)}`;
        }
      }
      results.push(skippedCheck(probe.id, 'probes', probe.title, broken));
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return results;
}

/**
 * Runs the chains of every probe that has them in one round trip, each rolled back after it, and judges those probes
 * by what became of them; a probe whose judge cannot tell (null) runs on its own afterwards. When the batch cannot run
 * (no TEMP privilege, a timeout, a lost connection), every probe runs on its own and meets the reason there.
 */
async function judgeTogether(probes: readonly Probe[], context: ProbeContext): Promise<(readonly Finding[] | null)[]> {
  const batches = probes.map((probe): BatchedProbe | null => {
    try {
      return probe.batch?.(context.rows) ?? null;
    } catch {
      // Its own run reports why it could not be set up.
      return null;
    }
  });
  let outcomes: readonly TrialOutcome[] | null;
  try {
    outcomes = await context.rows.trials(batches.flatMap((batch) => batch?.chains ?? []));
  } catch {
    outcomes = null;
  }
  if (!outcomes) {
    context.session.endProbe('ROLLBACK TO SAVEPOINT iprs_probe');
    return probes.map(() => null);
  }
  let next = 0;
  return batches.map((batch) => {
    if (!batch) return null;
    const own = outcomes.slice(next, next + batch.chains.length);
    next += batch.chains.length;
    return batch.judge(own);
  });
}

async function runOne(probe: Probe, context: ProbeContext): Promise<CheckResult> {
  try {
    return checkResult(probe.id, 'probes', probe.title, await probe.run(context));
  } catch (error) {
    if (error instanceof ProbeTransactionLostError) throw error;
    const reason = notRunReason(error);
    if (reason) return skippedCheck(probe.id, 'probes', probe.title, reason);
    const rejection = describeRejection(error);
    return checkResult(probe.id, 'probes', probe.title, [
      behaviourFinding(
        probe,
        'the rows the probe needs are accepted',
        rejection,
        `probe could not set up its rows: ${rejection}`,
      ),
    ]);
  }
}

/** Reasons that say nothing about the schema: the probe is skipped, not failed. */
function notRunReason(error: unknown): string | null {
  if (error instanceof ProbeSetupError) return error.message;
  const code = databaseError(error)?.code;
  if (isTimeout(error)) return `the database was busy: ${describeRejection(error)}`;
  if (code === '25006') return 'the database is read-only (a standby?): run with --no-probes';
  if (code === '42501')
    return `this role may not write: ${describeRejection(error)}; grant it, or run with --no-probes`;
  if (code?.startsWith('08')) return `the connection failed: ${describeRejection(error)}`;
  if (!code) return `the probe could not run: ${error instanceof Error ? error.message : String(error)}`;
  return null;
}

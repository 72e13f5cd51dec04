import { fileURLToPath } from 'node:url';
import { migrate, migrations } from '@iprs/schema';
import { findExecutable } from '../baselines/find-executable.js';
import { psqlMigrate } from '../baselines/psql-migrate.js';
import { elapsedMs } from '../harness/elapsed.js';
import { measurePair } from '../harness/measure-pair.js';
import type { BenchResult } from '../report/bench-result.js';
import { judge } from '../report/judge.js';
import type { BenchContext } from './bench-context.js';

const work = 'migrations on an empty database';

/** The @iprs/schema runner against `psql -f` of the very files it ships, each on a fresh empty database. */
export async function migrationsBenchmark({ profile, server, log }: BenchContext): Promise<BenchResult> {
  const psql = findExecutable('psql');
  const target = { of: 'ratio', comparison: 'atMost', threshold: 2 } as const;
  if (!psql) {
    return {
      id: 'migrations',
      work,
      target,
      verdict: 'skipped',
      note: 'psql is not installed: no baseline to compare with',
    };
  }
  const schemaEntry = import.meta.resolve('@iprs/schema');
  const files = migrations.map((migration) => fileURLToPath(new URL(`../sql/${migration.filename}`, schemaEntry)));
  log(`migrations: ${migrations.length} files, ${profile.migrationRounds} rounds each side`);

  const onFreshDatabase = async (apply: (url: string) => Promise<unknown>): Promise<number> => {
    const url = await server.createDatabase('bench_migrate');
    try {
      return await elapsedMs(() => apply(url));
    } finally {
      await server.dropDatabase(url);
    }
  };
  const { iprs, baseline } = await measurePair({
    rounds: profile.migrationRounds,
    warmupRounds: 1,
    iprs: () => onFreshDatabase((url) => migrate(url)),
    baseline: () => onFreshDatabase((url) => psqlMigrate(psql, url, files)),
  });
  return judge({
    id: 'migrations',
    work,
    iprs: { label: '@iprs/schema migrate() (ledger, advisory lock, checksums)', unit: 'ms', summary: iprs },
    baseline: { label: `psql -f ${migrations.map((m) => m.filename).join(' ')}`, unit: 'ms', summary: baseline },
    target,
    note:
      'The runner is timed in-process (connect included); psql as a process (start-up and connect included). ' +
      'Both apply the same SQL; the runner adds its ledger table, lock and one transaction per file.',
    details: { files: migrations.map((migration) => migration.filename) },
  });
}

import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withClient } from '@iprs/schema/internal';
import { findPackage } from './package-version.js';

export interface PostgresDescription {
  readonly version: string;
  /** Settings that move the figures: durability, memory, parallelism. */
  readonly settings: Readonly<Record<string, string>>;
}

export interface BenchEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryBytes: number;
  /** 1-minute load average when the run started: above the core count, other work was competing for the CPUs. */
  readonly loadAverageAtStart: number;
  readonly packages: Readonly<Record<string, string>>;
}

const settingsThatMatter = [
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'effective_cache_size',
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'wal_level',
  'max_wal_size',
  'max_parallel_workers_per_gather',
  'jit',
];

export async function describePostgres(databaseUrl: string): Promise<PostgresDescription> {
  return withClient(databaseUrl, async (client) => {
    const version = await client.query<{ version: string }>('SELECT version()');
    const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
      'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
      [settingsThatMatter],
    );
    return {
      version: version.rows[0]?.version ?? 'unknown',
      settings: Object.fromEntries(
        settings.rows.map((row) => [row.name, row.unit ? `${row.setting} ${row.unit}` : row.setting]),
      ),
    };
  });
}

export function describeEnvironment(): BenchEnvironment {
  const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
  const own = JSON.parse(readFileSync(join(benchDirectory, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const packages: Record<string, string> = { [own.name]: own.version };
  const record = (name: string, from: string): string | undefined => {
    const found = findPackage(name, from);
    if (found) packages[name] = found.version;
    return found?.directory;
  };
  for (const name of ['@iprs/schema', '@iprs/testkit', 'pg', 'pg-copy-streams']) record(name, benchDirectory);
  const sdk = record('@iprs/sdk', benchDirectory);
  if (sdk) for (const name of ['slonik', 'zod', 'decimal.js']) record(name, sdk);
  const cli = record('@iprs/cli', benchDirectory);
  if (cli) record('@iprs/conformance', cli);
  const [firstCpu] = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpuModel: firstCpu?.model ?? 'unknown',
    cores: availableParallelism(),
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg()[0] ?? 0,
    packages,
  };
}

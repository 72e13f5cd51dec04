import { migrations } from '@iprs/schema';
import { startStreamingCluster } from '@iprs/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';

const cwd = process.cwd();
// A PostgreSQL 15 primary and a pg_basebackup -R streaming standby on loopback (the system binaries).
const cluster = await startStreamingCluster({ standbys: 1 });
const standby = cluster.standbys[0] as (typeof cluster.standbys)[number];
afterAll(() => cluster.stop());

const hosts = `127.0.0.1:${standby.port},127.0.0.1:${cluster.primary.port}`;
const readWrite = `postgres://postgres@${hosts}/postgres?target_session_attrs=read-write`;

const replayedEverything = async () => {
  const deadline = Date.now() + 30_000;
  const [{ lsn } = { lsn: '' }] = await cluster.primary.query<{ lsn: string }>(
    'SELECT pg_current_wal_lsn()::text AS lsn',
  );
  for (;;) {
    const [row] = await standby.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [
      lsn,
    ]);
    if (row?.done) return;
    if (Date.now() > deadline) throw new Error('the standby did not replay the migrations in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('iprs on a primary with a streaming standby', () => {
  test('migrate and status through a multi-host URL reach the primary although the standby is listed first', async () => {
    const migrated = await runIprs(['migrate', '--database-url', readWrite], { cwd });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain(`applied ${migrations[0]?.version}_${migrations[0]?.name} (`);
    const status = await runIprs(['status', '--database-url', readWrite], { cwd });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toContain(`${migrations.length} applied, 0 pending, 0 modified, 0 unknown`);
  });

  test('migrate through a URL whose only host is a standby fails naming why, and changes nothing', async () => {
    const run = await runIprs(
      [
        'migrate',
        '--database-url',
        `postgres://postgres@127.0.0.1:${standby.port}/postgres?target_session_attrs=primary`,
      ],
      { cwd },
    );
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain(`127.0.0.1:${standby.port} is a standby (in recovery), not primary`);
  });

  test('verify on the standby conforms with the probes skipped (a hot standby runs no write transaction)', async () => {
    await replayedEverything();
    for (const url of [standby.url, `postgres://postgres@${hosts}/postgres?target_session_attrs=standby`]) {
      const run = await runIprs(['verify', '--database-url', url, '--format', 'json'], { cwd });
      expect(run.exitCode, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as {
        conforms: boolean;
        summary: { failed: number; skipped: number };
        checks: { category: string; status: string; skippedReason: string | null }[];
      };
      expect(report.conforms).toBe(true);
      const probes = report.checks.filter((check) => check.category === 'probes');
      expect(probes.length).toBeGreaterThan(0);
      for (const probe of probes) expect(probe.status).toBe('skipped');
      expect(probes[0]?.skippedReason).toMatch(/read-only|recovery|standby/i);
      expect(report.checks.filter((check) => check.category !== 'probes' && check.status === 'failed')).toEqual([]);
    }
  });

  test('after the primary dies and the standby is promoted, verify through the same multi-host URL runs every probe on the new primary', async () => {
    await cluster.primary.stop('immediate');
    await standby.promote();
    const run = await runIprs(['verify', '--database-url', readWrite, '--format', 'json'], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { conforms: boolean; summary: { failed: number; skipped: number } };
    expect(report.conforms).toBe(true);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0 });
  });
});

import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject, expect, test } from 'vitest';
import { detectContainerRuntime } from '../src/detect-container-runtime.js';
import { provisionPostgres } from '../src/provision-postgres.js';
import { query } from './query.js';

test('without DATABASE_URL it starts Testcontainers or, with no container runtime, embedded PostgreSQL', async () => {
  const runtime = await detectContainerRuntime();
  const server = await provisionPostgres({ env: {} });
  try {
    expect(server.kind).toBe(runtime.available ? 'testcontainers' : 'embedded');
    const [row] = await query<{ version: string }>(server.connectionString, 'select version()');
    expect(row?.version).toMatch(/^PostgreSQL 18\./);
  } finally {
    await server.stop();
  }
});

test('DATABASE_URL is used as is when set, and stop() leaves that server alone', async () => {
  const { serverUrl } = inject('iprsTestDatabase');
  const server = await provisionPostgres({ env: { DATABASE_URL: serverUrl } });
  expect(server).toMatchObject({ kind: 'env', connectionString: serverUrl });
  await server.stop();
  const [row] = await query<{ answer: number }>(serverUrl, 'select 42 as answer');
  expect(row?.answer).toBe(42);
});

test('with DATABASE_URL unset and DOCKER_HOST on a dead socket, the runtime probe gives up within 5 s and embedded PostgreSQL starts', async () => {
  // TMPDIR of its own: the probe ends when provisionPostgres creates the embedded server's data directory there.
  const workDir = await mkdtemp(join(tmpdir(), 'testkit-provision-'));
  // As root the server runs as `postgres`, which must be able to enter the data directory's parent.
  await chmod(workDir, 0o755);
  const script = `
    import { watch } from 'node:fs';
    import { provisionPostgres } from '@iprs/testkit';
    const startedAt = performance.now();
    let probeMs;
    const watcher = watch(process.env.TMPDIR, (event, name) => {
      if (name?.startsWith('iprs-pg-')) probeMs ??= performance.now() - startedAt;
    });
    const server = await provisionPostgres();
    watcher.close();
    await server.stop();
    console.log(JSON.stringify({ kind: server.kind, probeMs }));`;
  const { DATABASE_URL: _unset, ...environment } = process.env;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      env: { ...environment, TMPDIR: workDir, DOCKER_HOST: `unix://${join(workDir, 'no-daemon', 'docker.sock')}` },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout) as { kind: string; probeMs?: number };
    expect(result.kind).toBe('embedded');
    expect(result.probeMs).toBeGreaterThan(0);
    expect(result.probeMs).toBeLessThan(5_000);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});

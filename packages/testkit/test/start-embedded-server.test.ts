import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EmbeddedPostgresStartError } from '../src/errors.js';
import { findRunningEmbeddedServer } from '../src/find-running-embedded-server.js';
import { startEmbeddedServer } from '../src/start-embedded-server.js';
import { stopEmbeddedServer } from '../src/stop-embedded-server.js';
import { query } from './query.js';

const workDir = await mkdtemp(join(tmpdir(), 'testkit-embedded-'));
// As root the server runs as `postgres`, which must be able to enter the data directory's parent.
await chmod(workDir, 0o755);
afterAll(async () => {
  await stopEmbeddedServer(join(workDir, 'persistent'));
  await rm(workDir, { recursive: true, force: true });
});

test('a disposable server answers select version() and its data directory is gone after stop()', async () => {
  const server = await startEmbeddedServer({ dataDir: join(workDir, 'disposable') });
  const [row] = await query<{ version: string }>(server.connectionString, 'select version()');
  expect(row?.version).toMatch(/^PostgreSQL 18\./);
  await server.stop();
  expect(existsSync(server.dataDir)).toBe(false);
});

test('a start error carries the server log', async () => {
  const portHolder = createServer().listen(0, '127.0.0.1');
  await once(portHolder, 'listening');
  const { port } = portHolder.address() as { port: number };
  try {
    const failure = await startEmbeddedServer({ dataDir: join(workDir, 'port-taken'), port }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(EmbeddedPostgresStartError);
    expect((failure as EmbeddedPostgresStartError).message).toMatch(/server log[\s\S]*Address already in use/);
  } finally {
    portHolder.close();
  }
});

test('a persistent server keeps its data across restarts, and a second start reuses the running one', async () => {
  const dataDir = join(workDir, 'persistent');
  const first = await startEmbeddedServer({ dataDir, persistent: true });
  expect(first.alreadyRunning).toBe(false);
  await query(first.connectionString, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');

  const second = await startEmbeddedServer({ dataDir, persistent: true });
  expect(second).toMatchObject({ alreadyRunning: true, pid: first.pid, port: first.port });

  expect(await stopEmbeddedServer(dataDir)).toBe(true);
  expect(await findRunningEmbeddedServer(dataDir)).toBeUndefined();
  expect(await stopEmbeddedServer(dataDir)).toBe(false);

  const restarted = await startEmbeddedServer({ dataDir, persistent: true, port: first.port });
  expect(restarted.alreadyRunning).toBe(false);
  expect(await query(restarted.connectionString, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
});

test('a persistent server whose postmaster.pid names a pid another process has taken since (a reboot) still starts', async () => {
  const dataDir = join(workDir, 'persistent');
  const server = await startEmbeddedServer({ dataDir, persistent: true });
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  expect(await stopEmbeddedServer(dataDir)).toBe(true);
  // What a server that never shut down leaves behind, its pid now this test's process.
  await writeFile(join(dataDir, 'postmaster.pid'), pidFile.replace(/^\d+/, String(process.pid)));

  const restarted = await startEmbeddedServer({ dataDir, persistent: true, port: server.port });
  expect(restarted.alreadyRunning).toBe(false);
  expect(restarted.pid).not.toBe(process.pid);
  expect(await query(restarted.connectionString, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
});

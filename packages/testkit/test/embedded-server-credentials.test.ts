import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EmbeddedPostgresStartError } from '../src/errors.js';
import { stopEmbeddedServer } from '../src/stop-embedded-server.js';
import { startEmbeddedServer } from '../src/start-embedded-server.js';
import { withClient } from '../src/with-client.js';
import { query } from './query.js';

const workDir = await mkdtemp(join(tmpdir(), 'testkit-credentials-'));
// As root the server runs as `postgres`, which must be able to enter the data directory's parent.
await chmod(workDir, 0o755);
const persistentDirs: string[] = [];
afterAll(async () => {
  for (const dataDir of persistentDirs) await stopEmbeddedServer(dataDir);
  await rm(workDir, { recursive: true, force: true });
});

function persistentDataDir(name: string): string {
  const dataDir = join(workDir, name);
  persistentDirs.push(dataDir);
  return dataDir;
}

/** The SQLSTATE a connection attempt fails with, or 'connected'. */
async function loginOutcome(connectionString: string): Promise<string> {
  try {
    await withClient(connectionString, (client) => client.query('SELECT 1'));
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

function withPassword(connectionString: string, password: string): string {
  const url = new URL(connectionString);
  url.password = password;
  return url.toString();
}

const passwordOf = (connectionString: string) => new URL(connectionString).password;
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('disposable servers', () => {
  test('each gets its own random superuser password; the old default postgres:postgres is refused', async () => {
    const servers = [
      await startEmbeddedServer({ dataDir: join(workDir, 'disposable-a') }),
      await startEmbeddedServer({ dataDir: join(workDir, 'disposable-b') }),
    ];
    try {
      const [first, second] = servers.map((server) => passwordOf(server.connectionString));
      expect(first).toMatch(/^[\w-]{32}$/);
      expect(second).toMatch(/^[\w-]{32}$/);
      expect(first).not.toBe(second);
      for (const server of servers) {
        expect(await loginOutcome(server.connectionString)).toBe('connected');
        // 28P01: invalid_password.
        expect(await loginOutcome(withPassword(server.connectionString, 'postgres'))).toBe('28P01');
      }
    } finally {
      for (const server of servers) await server.stop();
    }
  });
});

describe('persistent servers', () => {
  test('the password is made at initdb time, kept 0600 beside the data and reused on restart', async () => {
    const dataDir = persistentDataDir('kept');
    const first = await startEmbeddedServer({ dataDir, persistent: true });
    const password = passwordOf(first.connectionString);
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(await readFile(`${dataDir}.password`, 'utf8')).toBe(`${password}\n`);
    expect(await modeOf(`${dataDir}.password`)).toBe(0o600);
    expect(await modeOf(first.logFile!)).toBe(0o600);
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await loginOutcome(withPassword(first.connectionString, 'postgres'))).toBe('28P01');

    const reused = await startEmbeddedServer({ dataDir, persistent: true });
    expect(reused).toMatchObject({ alreadyRunning: true, connectionString: first.connectionString });

    await stopEmbeddedServer(dataDir);
    const restarted = await startEmbeddedServer({ dataDir, persistent: true, port: first.port });
    expect(restarted).toMatchObject({ alreadyRunning: false, connectionString: first.connectionString });
    expect(await loginOutcome(restarted.connectionString)).toBe('connected');
  });

  test('a passwordFile option puts the password there', async () => {
    const dataDir = persistentDataDir('own-password-file');
    const passwordFile = join(workDir, 'elsewhere.secret');
    const server = await startEmbeddedServer({ dataDir, persistent: true, passwordFile });
    expect(await readFile(passwordFile, 'utf8')).toBe(`${passwordOf(server.connectionString)}\n`);
    expect(await modeOf(passwordFile)).toBe(0o600);
  });

  test('when initdb fails, the error carries its output and no password file is written', async () => {
    const dataDir = persistentDataDir('not-empty');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'stray.txt'), 'not a database\n');
    const failure = await startEmbeddedServer({ dataDir, persistent: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedPostgresStartError);
    expect(String(failure)).toMatch(/initdb failed[\s\S]*exists but is not empty/);
    expect(existsSync(`${dataDir}.password`)).toBe(false);
    expect(await readFile(join(dataDir, 'stray.txt'), 'utf8')).toBe('not a database\n');
  });

  // A data directory of an earlier version: superuser password `postgres`, no password file, log readable by all.
  for (const running of [false, true]) {
    test(`a data directory without a password file (old fixed password, server ${running ? 'running' : 'stopped'}) gets a new random one, data kept`, async () => {
      const dataDir = persistentDataDir(`legacy-${running ? 'running' : 'stopped'}`);
      const server = await startEmbeddedServer({ dataDir, persistent: true });
      await query(
        server.connectionString,
        "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7); ALTER ROLE postgres PASSWORD 'postgres'",
      );
      const legacyUrl = withPassword(server.connectionString, 'postgres');
      await rm(`${dataDir}.password`);
      await chmod(server.logFile!, 0o644);
      if (!running) await stopEmbeddedServer(dataDir);
      expect(await loginOutcome(legacyUrl)).toBe(running ? 'connected' : 'ECONNREFUSED');

      const migrated = await startEmbeddedServer({ dataDir, persistent: true, port: server.port });
      expect(migrated.alreadyRunning).toBe(false);
      const password = passwordOf(migrated.connectionString);
      expect(password).toMatch(/^[\w-]{32}$/);
      expect(password).not.toBe(passwordOf(server.connectionString));
      expect(await readFile(`${dataDir}.password`, 'utf8')).toBe(`${password}\n`);
      expect(await modeOf(`${dataDir}.password`)).toBe(0o600);
      expect(await modeOf(server.logFile!)).toBe(0o600);
      expect(await loginOutcome(legacyUrl)).toBe('28P01');
      expect(await query(migrated.connectionString, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
    });
  }
});

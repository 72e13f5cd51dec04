import { clientConfigOf, migrations } from '@iprs/schema';
import { ConnectionError, createPool, sql } from '@iprs/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { startSocketPostgres, type SocketPostgres } from './socket-postgres.js';

// A real PostgreSQL on a Unix socket (trusted) and on 127.0.0.1 (password required), reached through the URL forms
// libpq users write: every way in — iprs migrate, status, verify and the SDK's pool — must read them the same way.

const cwd = process.cwd();
let server: SocketPostgres;

beforeAll(async () => {
  server = await startSocketPostgres();
  const client = new pg.Client({
    host: server.socketDirectory,
    port: server.port,
    user: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    for (const database of ['by_socket', 'by_encoded_socket', 'by_user_param', 'by_tcp_options'])
      await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}, 180_000);

afterAll(async () => {
  await server?.stop();
}, 120_000);

const socketUrls = (): Array<[string, string]> => {
  const { socketDirectory: directory, port } = server;
  return [
    ['by_socket', `postgres:///by_socket?host=${directory}&port=${port}&user=postgres`],
    ['by_encoded_socket', `postgresql://postgres@${encodeURIComponent(directory)}:${port}/by_encoded_socket`],
    [
      'by_user_param',
      `postgres://postgres@/by_user_param?host=${encodeURIComponent(directory)}&port=${port}&application_name=iprs-socket-test`,
    ],
  ];
};

/** One query through the SDK's pool: the settings that show how it connected. */
async function sdkSession(url: string) {
  const pool = await createPool({ connectionString: url });
  try {
    return await pool.one(sql.unsafe`
      SELECT current_database() AS database, current_user AS "user", inet_server_addr() IS NULL AS "viaSocket",
             current_setting('statement_timeout') AS "statementTimeout", current_setting('application_name') AS "applicationName"`);
  } finally {
    await pool.close();
  }
}

/** The same through the node-postgres configuration @iprs/schema's runner and @iprs/conformance connect with. */
async function pgSession(url: string) {
  const client = new pg.Client(clientConfigOf(url, 'iprs-url-test'));
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT inet_server_addr() IS NULL AS "viaSocket", current_setting('statement_timeout') AS "statementTimeout"`,
    );
    return rows[0] as { viaSocket: boolean; statementTimeout: string };
  } finally {
    await client.end();
  }
}

describe('Unix-socket URLs', () => {
  test('iprs migrate, status --check and verify work through each form, and the SDK queries through the socket', async () => {
    for (const [database, url] of socketUrls()) {
      const migrate = await runIprs(['migrate', '--database-url', url], { cwd });
      expect(migrate.exitCode, `${url}: ${migrate.stderr}`).toBe(0);
      expect(migrate.stdout).toContain(`${migrations.length} migration(s) applied`);
      const status = await runIprs(['status', '--check', '--format', 'json'], { cwd, env: { DATABASE_URL: url } });
      expect(status.exitCode, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ upToDate: true, database: { source: 'DATABASE_URL' } });
      const verify = await runIprs(['verify', '--format', 'json', '--database-url', url], { cwd });
      expect(verify.exitCode, verify.stderr).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({ conforms: true, summary: { failed: 0 } });
      expect(await sdkSession(url)).toMatchObject({ database, user: 'postgres', viaSocket: true });
      expect(await pgSession(url)).toMatchObject({ viaSocket: true });
    }
  });

  test('application_name in the URL reaches the server through the SDK', async () => {
    const [, , [, url]] = socketUrls() as [unknown, unknown, [string, string]];
    expect(await sdkSession(url)).toMatchObject({ applicationName: 'iprs-socket-test' });
  });

  test('a socket directory where no server listens: exit 2 naming the directory', async () => {
    const url = `postgres:///by_socket?host=${server.socketDirectory}/nowhere&port=${server.port}&user=postgres`;
    const run = await runIprs(['status', '--database-url', url], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      `cannot connect to PostgreSQL at ${server.socketDirectory}/nowhere:${server.port}/by_socket`,
    );
  });
});

describe('TCP with password= and options= query parameters', () => {
  const tcpUrl = (extra = '') =>
    `postgres://postgres@localhost:${server.port}/by_tcp_options?password=${server.password}` +
    `&options=-c%20statement_timeout%3D5000${extra}`;

  test('migrate, status, verify exit 0 and never print the password', async () => {
    for (const args of [['migrate'], ['status', '--check'], ['verify', '--no-probes']]) {
      const run = await runIprs([...args, '--database-url', tcpUrl()], { cwd });
      expect(run.exitCode, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(server.password);
    }
    const json = await runIprs(['status', '--format', 'json', '--database-url', tcpUrl()], { cwd });
    expect(JSON.parse(json.stdout).database.url).toContain('password=***');
  });

  test('options=-c statement_timeout=5000 takes effect: SHOW says 5s through the SDK and the runner config', async () => {
    expect(await sdkSession(tcpUrl())).toMatchObject({
      database: 'by_tcp_options',
      viaSocket: false,
      statementTimeout: '5s',
    });
    expect(await pgSession(tcpUrl())).toMatchObject({ viaSocket: false, statementTimeout: '5s' });
  });

  test('a wrong password= is refused by the server: exit 2, password authentication failed, not echoed', async () => {
    const url = `postgres://postgres@localhost:${server.port}/by_tcp_options?password=wrong-one-99`;
    const run = await runIprs(['status', '--database-url', url], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('password authentication failed');
    expect(run.stdout + run.stderr).not.toContain('wrong-one-99');
  });

  test('sslmode=disable works', async () => {
    const url = tcpUrl('&sslmode=disable');
    expect((await runIprs(['status', '--check', '--database-url', url], { cwd })).exitCode).toBe(0);
    expect(await sdkSession(url)).toMatchObject({ statementTimeout: '5s' });
  });

  test('sslmode=require against a server without SSL fails clearly: exit 2 in the CLI, ConnectionError in the SDK', async () => {
    const url = tcpUrl('&sslmode=require');
    for (const args of [['status'], ['migrate'], ['verify']]) {
      const run = await runIprs([...args, '--database-url', url], { cwd });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(
        `iprs: cannot connect to PostgreSQL at localhost:${server.port}/by_tcp_options: The server does not support SSL connections.`,
      );
    }
    const refused = createPool({ connectionString: url });
    await expect(refused).rejects.toBeInstanceOf(ConnectionError);
    await expect(refused).rejects.toThrow('The server does not support SSL connections');
  });
});

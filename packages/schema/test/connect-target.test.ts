import { useEmptyDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { DatabaseConnectionError } from '../src/index.js';
import { connectTarget, withClient } from '../src/internal.js';

const url = await useEmptyDatabase();

async function isConnected(pid: number): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
    return rows.length > 0;
  });
}

describe('connectTarget and withClient: one way to open a connection, for every form of target', () => {
  it('a URL and a ClientConfig both connect, with the application name as a default', async () => {
    const { hostname, port, username, password, pathname } = new URL(url);
    const config = {
      host: hostname,
      port: Number(port),
      user: decodeURIComponent(username),
      password: decodeURIComponent(password),
      database: decodeURIComponent(pathname.slice(1)),
    };
    for (const target of [url, config]) {
      const client = await connectTarget(target, 'iprs-connect-test');
      try {
        const { rows } = await client.query<{ name: string }>("SELECT current_setting('application_name') AS name");
        expect(rows[0]?.name).toBe('iprs-connect-test');
      } finally {
        await client.end();
      }
    }
  });

  it('withClient closes its connection after `use` returns and after it throws', async () => {
    const pidOf = async (client: { query: (text: string) => Promise<{ rows: { pid: number }[] }> }) =>
      (await client.query('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const returned = await withClient(url, pidOf);
    let thrownFrom = 0;
    const failure = await withClient(url, async (client) => {
      thrownFrom = await pidOf(client);
      throw new Error('planned');
    }).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('planned');
    for (const pid of [returned, thrownFrom]) {
      await expect.poll(() => isConnected(pid), { timeout: 5_000 }).toBe(false);
    }
  });

  it('unreachable single-host and multi-host URLs and a ClientConfig fail alike, naming no password', async () => {
    const targets = [
      'postgres://nobody:s3cret@127.0.0.1:1/none',
      'postgres://nobody:s3cret@127.0.0.1:1,127.0.0.1:2/none',
      { host: '127.0.0.1', port: 1, user: 'nobody', password: 's3cret', database: 'none' },
    ];
    for (const target of targets) {
      const error = await connectTarget(target, 'iprs-connect-test').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(DatabaseConnectionError);
      expect((error as DatabaseConnectionError).target).toContain('127.0.0.1:1');
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});

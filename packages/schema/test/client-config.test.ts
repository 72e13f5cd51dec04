import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { clientConfigOf, migrate, migrationStatus, migrations } from '../src/index.js';
import { createEmptyDatabase } from './support/test-database.js';

describe('clientConfigOf', () => {
  it('turns connect_timeout (seconds) into connectionTimeoutMillis, which node-postgres would ignore', () => {
    expect(clientConfigOf('postgres://h/db?connect_timeout=7', 'app')).toMatchObject({
      connectionTimeoutMillis: 7_000,
    });
    expect(clientConfigOf('postgres://h/db?sslmode=disable&connect_timeout=3&user=u', 'app')).toMatchObject({
      connectionTimeoutMillis: 3_000,
    });
    expect(clientConfigOf('postgres://h/db', 'app')).not.toHaveProperty('connectionTimeoutMillis');
  });

  it('keeps a ClientConfig, adding the application name only as a default', () => {
    expect(clientConfigOf({ host: '/tmp', port: 5433 }, 'app')).toEqual({
      application_name: 'app',
      host: '/tmp',
      port: 5433,
    });
    expect(clientConfigOf({ application_name: 'mine' }, 'app')).toEqual({ application_name: 'mine' });
  });

  it('on a real server: options and application_name from the URL reach the session; the default name otherwise', async () => {
    const url = new URL(await createEmptyDatabase());
    const session = async (connectionString: string) => {
      const client = new pg.Client(clientConfigOf(connectionString, 'iprs-schema'));
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT current_setting('application_name') AS app, current_setting('lock_timeout') AS lock_timeout",
        );
        return rows[0];
      } finally {
        await client.end();
      }
    };
    expect(await session(url.toString())).toEqual({ app: 'iprs-schema', lock_timeout: '0' });
    url.searchParams.set('options', '-c lock_timeout=1234');
    url.searchParams.set('application_name', 'deploy-job');
    expect(await session(url.toString())).toEqual({ app: 'deploy-job', lock_timeout: '1234ms' });
    // migrate and migrationStatus connect the same way.
    await migrate(url.toString());
    expect((await migrationStatus(url.toString())).every((entry) => entry.state === 'applied')).toBe(true);
    expect(await migrationStatus(url.toString())).toHaveLength(migrations.length);
  });
});

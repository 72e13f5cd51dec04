import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { slonikConnectionOf } from '../src/connection/connection-options.js';
import { createPool, sql, ValidationError } from '../src/index.js';

const databaseUrl = await useMigratedDatabase();

describe('slonikConnectionOf: libpq URLs rewritten for Slonik', () => {
  it.each([
    [
      'postgres:///db?host=/var/run/postgresql&port=5433&user=app',
      'postgresql://app@%2Fvar%2Frun%2Fpostgresql:5433/db',
      '/var/run/postgresql:5433',
    ],
    ['postgres://app:s%40cret@/db?host=/tmp/pg', 'postgresql://app:s%40cret@%2Ftmp%2Fpg/db', '/tmp/pg:5432'],
    ['postgresql://app@%2Ftmp%2Fpg:6000/db', 'postgresql://app@%2Ftmp%2Fpg:6000/db', '/tmp/pg:6000'],
    ['postgres://h.example/db?user=u&password=p%26w', 'postgresql://u:p%26w@h.example/db', 'h.example:5432'],
    ['postgres://[::1]:5444/db', 'postgresql://[::1]:5444/db', '::1:5444'],
    [
      'postgres://u@h/db?options=-c%20statement_timeout%3D5000&application_name=job',
      'postgresql://u@h/db?application_name=job&options=-c+statement_timeout%3D5000',
      'h:5432',
    ],
    ['postgres:///db', 'postgresql://localhost/db', 'localhost:5432'],
  ])('%s', (url, dsn, address) => {
    expect(slonikConnectionOf(url)).toMatchObject({ dsn, address });
  });

  it('sslmode: disable means no TLS; require, verify-full and no-verify mean TLS, no-verify without certificate checks', () => {
    expect(slonikConnectionOf('postgres://h/db?sslmode=disable').ssl).toBeUndefined();
    expect(slonikConnectionOf('postgres://h/db').ssl).toBeUndefined();
    expect(slonikConnectionOf('postgres://h/db?sslmode=verify-full').ssl).toEqual({});
    expect(slonikConnectionOf('postgres://h/db?sslmode=no-verify').ssl).toEqual({ rejectUnauthorized: false });
    expect(slonikConnectionOf('postgres://h/db?sslmode=disable').dsn).not.toContain('sslmode');
  });

  it('connect_timeout (seconds) becomes a connection timeout in ms; 0 or none leaves the pool default', () => {
    expect(slonikConnectionOf('postgres://h/db?connect_timeout=7').connectTimeoutMs).toBe(7_000);
    expect(slonikConnectionOf('postgres://h/db?connect_timeout=0').connectTimeoutMs).toBeUndefined();
    expect(slonikConnectionOf('postgres://h/db').connectTimeoutMs).toBeUndefined();
  });

  it('names the settings the options parameter sets', () => {
    const { settingsInOptions } = slonikConnectionOf(
      'postgres://h/db?options=-c%20statement_timeout%3D5000%20--work_mem%3D64MB',
    );
    expect([...settingsInOptions].sort()).toEqual(['statement_timeout', 'work_mem']);
  });
});

describe('createPool with a URL it cannot use', () => {
  it.each([
    ['mysql://h/db', 'connectionString must be a postgres:// or postgresql:// URL'],
    [
      'postgres://h/db?sslmode=sometimes',
      'sslmode=sometimes is not one of disable, allow, prefer, require, verify-ca, verify-full, no-verify',
    ],
    ['postgres://h/db?port=70000', 'port 70000 is not a port number'],
    ['postgres://h/db?connect_timeout=soon', 'connect_timeout=soon is not a number of seconds'],
  ])('%s: ValidationError naming what is wrong', async (connectionString, message) => {
    const refused = createPool({ connectionString });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ field: 'connectionString' });
    await expect(refused).rejects.toThrow(message);
  });

  it('never echoes the password of a URL it refuses', async () => {
    const refused = createPool({ connectionString: 'postgres://u:hunter2@h/db?sslmode=bogus&password=hunter3' });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    const error = await refused.catch((caught: Error) => caught);
    expect(String((error as Error).message)).not.toMatch(/hunter[23]/);
  });
});

describe('createPool with URL parameters on a real server', () => {
  it('user= and options= reach the server; an options statement_timeout wins over the default, an explicit one over both', async () => {
    const url = new URL(databaseUrl);
    const user = decodeURIComponent(url.username);
    url.username = '';
    url.searchParams.set('user', user);
    url.searchParams.set('options', '-c statement_timeout=4321 -c work_mem=5MB');
    const fromUrl = await createPool({ connectionString: url.toString() });
    try {
      expect(
        await fromUrl.one(
          sql.unsafe`SELECT current_user AS u, current_setting('statement_timeout') AS st, current_setting('work_mem') AS wm`,
        ),
      ).toEqual({
        u: user,
        st: '4321ms',
        wm: '5MB',
      });
    } finally {
      await fromUrl.close();
    }
    const explicit = await createPool({ connectionString: url.toString(), statementTimeoutMs: 2_500 });
    try {
      expect(await explicit.oneFirst(sql.unsafe`SELECT current_setting('statement_timeout')`)).toBe('2500ms');
    } finally {
      await explicit.close();
    }
  });
});

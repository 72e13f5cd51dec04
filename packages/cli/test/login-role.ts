import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

/**
 * A LOGIN role with a random name and password that is a member of `memberOf` (e.g. iprs_reader), dropped after this
 * test file; resolves to `databaseUrl` connecting as it. `databaseUrl` must connect as a superuser.
 */
export async function useLoginRole(databaseUrl: string, memberOf: string): Promise<string> {
  const name = `${memberOf}_login_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await asSuperuser(databaseUrl, `CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE ${memberOf}`);
  afterAll(() => asSuperuser(databaseUrl, `DROP ROLE IF EXISTS ${name}`));
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = password;
  return url.toString();
}

export async function asSuperuser(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { locatePsql, PsqlNotFoundError } from './support/locate-psql.js';
import { queryRows } from './support/query.js';

const binDirectory = await mkdtemp(join(tmpdir(), 'schema-psql-'));
const fakePsql = join(binDirectory, 'psql');
await writeFile(fakePsql, '#!/bin/sh\n');
await chmod(fakePsql, 0o755);
afterAll(() => rm(binDirectory, { recursive: true, force: true }));

const unreachableServer = 'postgres://postgres@127.0.0.1:1/postgres';

describe('locatePsql', () => {
  it('takes PSQL first, before PATH', async () => {
    expect(await locatePsql(unreachableServer, { PSQL: fakePsql, PATH: '/usr/bin' })).toBe(fakePsql);
  });

  it('refuses a PSQL that is not an executable file instead of looking elsewhere', async () => {
    await expect(locatePsql(unreachableServer, { PSQL: binDirectory, PATH: binDirectory })).rejects.toThrow(
      `PSQL=${binDirectory} is not an executable file`,
    );
  });

  it('finds psql on PATH', async () => {
    expect(await locatePsql(unreachableServer, { PATH: ['/nonexistent', binDirectory].join(delimiter) })).toBe(
      fakePsql,
    );
  });

  it("falls back to the test server's bin directory, else fails saying how to install the client", async () => {
    const { serverUrl } = inject('iprsTestDatabase');
    const [bin] = await queryRows<{ setting: string }>(
      serverUrl,
      "SELECT setting FROM pg_config WHERE name = 'BINDIR'",
    );
    const besideServer = join(bin!.setting, 'psql');
    const located = locatePsql(serverUrl, { PATH: '' });
    if (existsSync(besideServer)) {
      expect(await located).toBe(besideServer);
    } else {
      await expect(located).rejects.toThrow(`there is no ${besideServer}`);
    }
  });

  it('fails loudly when nothing is found and the server cannot be asked', async () => {
    const failure = await locatePsql(unreachableServer, { PATH: '' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PsqlNotFoundError);
    expect((failure as Error).message).toMatch(
      /no psql on PATH.*bin directory could not be read.*apt-get install postgresql-client/,
    );
  });
});

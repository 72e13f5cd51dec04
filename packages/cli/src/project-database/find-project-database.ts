import { readFile } from 'node:fs/promises';
import { findRunningEmbeddedServer } from '@iprs/testkit';
import pg from 'pg';
import { checkProjectDatabaseAccess } from './check-project-database-access.js';
import { projectDatabasePaths } from './project-database-paths.js';
import { readServerState, type ServerState } from './server-state.js';

/**
 * The embedded server of the project in `cwd`, if it really runs: the state file's pid is the live postmaster of
 * `.iprs/data`, its URL carries the password of `.iprs/password` (a server from before random passwords has none,
 * and is not taken as is), and the server answers a query within 3 s. Another user's `.iprs/` is a CliError.
 */
export async function findProjectDatabase(cwd: string): Promise<ServerState | undefined> {
  const paths = projectDatabasePaths(cwd);
  await checkProjectDatabaseAccess(paths.root);
  const [state, running, password] = await Promise.all([
    readServerState(paths.stateFile),
    findRunningEmbeddedServer(paths.dataDir),
    readFile(paths.passwordFile, 'utf8').catch(() => undefined),
  ]);
  if (!state || !running || running.pid !== state.pid || running.port !== state.port) return undefined;
  if (password === undefined || passwordOf(state.connectionString) !== password.trim()) return undefined;
  return (await answers(state.connectionString)) ? state : undefined;
}

function passwordOf(connectionString: string): string | undefined {
  try {
    return decodeURIComponent(new URL(connectionString).password);
  } catch {
    return undefined;
  }
}

async function answers(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

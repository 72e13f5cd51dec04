import { readFile } from 'node:fs/promises';
import { findRunningEmbeddedServer } from '@iprs/testkit';
import { checkProjectDatabaseAccess } from './check-project-database-access.js';
import { projectDatabasePaths } from './project-database-paths.js';
import { serverAnswers } from './server-answers.js';
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
  return (await serverAnswers(state.connectionString)) ? state : undefined;
}

function passwordOf(connectionString: string): string | undefined {
  try {
    return decodeURIComponent(new URL(connectionString).password);
  } catch {
    return undefined;
  }
}

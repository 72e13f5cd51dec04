import { access, chown, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveEmbeddedBinaries } from './embedded-binaries.js';
import { embeddedConnectionString, embeddedPostgresOptions, serverFlags } from './embedded-postgres-options.js';
import { EmbeddedPostgresStartError } from './errors.js';
import { loadEmbeddedPostgres } from './load-embedded-postgres.js';
import { createLogTail } from './log-tail.js';
import { serverOsUser } from './postgres-os-user.js';
import { readFileTail } from './read-file-tail.js';
import { findRunningEmbeddedServer } from './find-running-embedded-server.js';
import { runAsServerUser } from './run-as-server-user.js';
import type { EmbeddedServer } from './start-embedded-server.js';
import { stopEmbeddedServer } from './stop-embedded-server.js';

/**
 * A server that outlives this process. embedded-postgres only initialises the data directory: its `start()` keeps the
 * server as a child that its exit hook stops, so `pg_ctl` starts it instead, in its own session, logging to `logFile`.
 * A server already running on `dataDir` is reused as is.
 */
export async function startDetachedServer(
  dataDir: string,
  port: number,
  logFile: string,
  timeoutMs: number,
): Promise<EmbeddedServer> {
  const describe = (pid: number, runningPort: number, alreadyRunning: boolean): EmbeddedServer => ({
    connectionString: embeddedConnectionString(runningPort),
    port: runningPort,
    pid,
    dataDir,
    logFile,
    alreadyRunning,
    stop: () => stopEmbeddedServer(dataDir).then(() => undefined),
  });

  const running = await findRunningEmbeddedServer(dataDir);
  if (running) return describe(running.pid, running.port, true);

  if (!(await exists(join(dataDir, 'PG_VERSION')))) await initialise(dataDir, port);
  await createLogFile(logFile);
  const { pg_ctl } = await resolveEmbeddedBinaries();
  const serverOptions = serverFlags(port, false)
    .map((flag) => (flag.endsWith('=') ? `${flag}''` : flag))
    .join(' ');
  const waitSeconds = String(Math.ceil(timeoutMs / 1000));
  const args = ['start', '-D', dataDir, '-l', logFile, '-w', '-t', waitSeconds, '-o', serverOptions];
  const result = await runAsServerUser(pg_ctl, args, dirname(dataDir));
  const started = await findRunningEmbeddedServer(dataDir);
  if (result.exitCode !== 0 || !started) {
    const reason = `pg_ctl start exited with code ${result.exitCode}: ${result.output}`;
    throw new EmbeddedPostgresStartError(reason, await readFileTail(logFile));
  }
  return describe(started.pid, started.port, false);
}

async function initialise(dataDir: string, port: number): Promise<void> {
  const log = createLogTail();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  try {
    await new EmbeddedPostgres(embeddedPostgresOptions(dataDir, port, log, false)).initialise();
  } catch (error) {
    const reason = `initdb failed for ${dataDir}: ${error instanceof Error ? error.message : String(error)}`;
    throw new EmbeddedPostgresStartError(reason, log.text(), { cause: error });
  }
}

/** pg_ctl opens the log as the server's OS user, so the file must exist and belong to that user. */
async function createLogFile(logFile: string): Promise<void> {
  await (await open(logFile, 'a')).close();
  const osUser = await serverOsUser();
  if (osUser) await chown(logFile, osUser.uid, osUser.gid);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

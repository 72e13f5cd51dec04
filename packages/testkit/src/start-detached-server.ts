import { access, chmod, chown, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveEmbeddedBinaries } from './embedded-binaries.js';
import { embeddedConnectionString, serverFlags } from './embedded-postgres-options.js';
import { EmbeddedPostgresStartError } from './errors.js';
import { initialiseDataDir } from './initialise-data-dir.js';
import { serverOsUser } from './postgres-os-user.js';
import { readFileTail } from './read-file-tail.js';
import { findRunningEmbeddedServer, clearDeadPostmaster } from './find-running-embedded-server.js';
import { resetSuperuserPassword } from './reset-superuser-password.js';
import { runAsServerUser } from './run-as-server-user.js';
import type { EmbeddedServer } from './start-embedded-server.js';
import { stopEmbeddedServer } from './stop-embedded-server.js';
import { generateSuperuserPassword, readPasswordFile, writePasswordFile } from './superuser-password.js';

/**
 * A server that outlives this process, started by `pg_ctl` in its own session, logging to `logFile`. A server already
 * running on `dataDir` is reused as is. The superuser password is random per data directory, made at initdb time and
 * kept in `passwordFile` (0600) for later starts. A data directory without one (made by a version that used the fixed
 * password `postgres`, or whose file was deleted) gets a new password before it starts: stopped first if it runs.
 */
export async function startDetachedServer(
  dataDir: string,
  port: number,
  logFile: string,
  timeoutMs: number,
  passwordFile: string,
): Promise<EmbeddedServer> {
  const describe = (pid: number, runningPort: number, password: string, alreadyRunning: boolean): EmbeddedServer => ({
    connectionString: embeddedConnectionString(runningPort, password),
    port: runningPort,
    pid,
    dataDir,
    logFile,
    alreadyRunning,
    stop: () => stopEmbeddedServer(dataDir).then(() => undefined),
  });

  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  let password = initialised ? await readPasswordFile(passwordFile) : undefined;
  const running = await findRunningEmbeddedServer(dataDir);
  if (running && password) return describe(running.pid, running.port, password, true);
  if (running) await stopEmbeddedServer(dataDir, timeoutMs);
  else await clearDeadPostmaster(dataDir, timeoutMs);

  if (!password) {
    password = generateSuperuserPassword();
    if (initialised) await resetSuperuserPassword(dataDir, password);
    else await initialiseDataDir(dataDir, password, false);
    await writePasswordFile(passwordFile, password);
  }

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
  return describe(started.pid, started.port, password, false);
}

/**
 * pg_ctl opens the log as the server's OS user, so the file must exist and belong to that user. It is 0600 (also when
 * an earlier version left it readable by all): the log names users, databases and failed statements.
 */
async function createLogFile(logFile: string): Promise<void> {
  await (await open(logFile, 'a', 0o600)).close();
  await chmod(logFile, 0o600);
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

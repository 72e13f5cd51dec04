import { rm } from 'node:fs/promises';
import { EmbeddedPostgresStartError } from './errors.js';
import { embeddedConnectionString, embeddedPostgresOptions } from './embedded-postgres-options.js';
import { loadEmbeddedPostgres } from './load-embedded-postgres.js';
import { initialiseDataDir } from './initialise-data-dir.js';
import { createLogTail } from './log-tail.js';
import { findRunningEmbeddedServer } from './find-running-embedded-server.js';
import { stopOnExit } from './stop-on-exit.js';
import { generateSuperuserPassword } from './superuser-password.js';
import type { EmbeddedServer } from './start-embedded-server.js';
import { TimeoutError, withTimeout } from './with-timeout.js';

/**
 * A throwaway server owned by this process: stopped (and its data deleted) by `stop()` or when the process exits. Its
 * superuser password is random and kept nowhere but in the returned connection string.
 */
export async function startAttachedServer(dataDir: string, port: number, timeoutMs: number): Promise<EmbeddedServer> {
  const log = createLogTail();
  const password = generateSuperuserPassword();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres(embeddedPostgresOptions(dataDir, port, password, log));
  try {
    await withTimeout(
      initialiseDataDir(dataDir, password, true).then(() => server.start()),
      timeoutMs,
      `not ready to accept connections within ${timeoutMs} ms`,
    );
  } catch (error) {
    // After a timeout the process may still be alive; after an early exit stop() would wait forever for it.
    if (error instanceof TimeoutError) await server.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    if (error instanceof EmbeddedPostgresStartError) throw error;
    throw new EmbeddedPostgresStartError(describeStartFailure(error), log.text(), { cause: error });
  }
  const forget = stopOnExit(server);
  const running = await findRunningEmbeddedServer(dataDir);
  return {
    connectionString: embeddedConnectionString(port, password),
    port,
    pid: running?.pid ?? 0,
    dataDir,
    logFile: undefined,
    alreadyRunning: false,
    stop: async () => {
      forget();
      await server.stop();
    },
  };
}

function describeStartFailure(error: unknown): string {
  // embedded-postgres rejects with no value when the server process exits before it is ready.
  if (error === undefined) return 'the server process exited before it accepted connections';
  return error instanceof Error ? error.message : String(error);
}

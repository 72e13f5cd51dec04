import { dirname } from 'node:path';
import { resolveEmbeddedBinaries } from './embedded-binaries.js';
import { findRunningEmbeddedServer } from './find-running-embedded-server.js';
import { runAsServerUser } from './run-as-server-user.js';

/**
 * Stops the server running on `dataDir` (fast shutdown: open sessions are rolled back) and waits until it is gone.
 * Resolves to false when no server was running there.
 */
export async function stopEmbeddedServer(dataDir: string, timeoutMs = 60_000): Promise<boolean> {
  if (!(await findRunningEmbeddedServer(dataDir))) return false;
  const { pg_ctl } = await resolveEmbeddedBinaries();
  const waitSeconds = String(Math.ceil(timeoutMs / 1000));
  const result = await runAsServerUser(
    pg_ctl,
    ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', waitSeconds],
    dirname(dataDir),
  );
  if (result.exitCode !== 0) {
    throw new Error(`pg_ctl stop exited with code ${result.exitCode} for ${dataDir}: ${result.output}`);
  }
  return true;
}

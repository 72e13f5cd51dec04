import { startEmbeddedServer, stopEmbeddedServer } from '@iprs/testkit';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** How the postmaster is told to stop: SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one (a crash). */
export type ShutdownMode = 'fast' | 'immediate';

export interface RestartableServer {
  readonly connectionString: string;
  readonly address: string;
  /** Stops the server and waits until its postmaster is gone. */
  stop(mode: ShutdownMode): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it (if running) and deletes its data directory. */
  destroy(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A PostgreSQL server of its own for a fault test, in a temporary directory, that the test may stop and restart. */
export const startRestartableServer = async (): Promise<RestartableServer> => {
  const directory = await mkdtemp(join(tmpdir(), 'iprs-faults-'));
  await chmod(directory, 0o755);
  const dataDir = join(directory, 'data');
  let server = await startEmbeddedServer({ dataDir, persistent: true, logFile: join(directory, 'postgres.log') });
  const { port } = server;
  let running = true;
  return {
    connectionString: server.connectionString,
    address: `127.0.0.1:${port}`,
    stop: async (mode) => {
      process.kill(server.pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      for (let waited = 0; isAlive(server.pid); waited += 50) {
        if (waited > 60_000) throw new Error(`PostgreSQL (pid ${server.pid}) did not stop within 60 s`);
        await delay(50);
      }
      running = false;
    },
    start: async () => {
      server = await startEmbeddedServer({ dataDir, port, persistent: true, logFile: join(directory, 'postgres.log') });
      running = true;
    },
    destroy: async () => {
      if (running) await stopEmbeddedServer(dataDir).catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
};

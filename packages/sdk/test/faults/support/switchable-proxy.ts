import { createServer, connect, type Socket } from 'node:net';

export interface SwitchableProxy {
  /** `postgres://…` pointing at the proxy instead of the server. */
  readonly connectionString: string;
  readonly address: string;
  /** New connections are accepted and then never answered, as behind a dead network path. */
  blackhole(): void;
  /** New connections are accepted and closed at once, before PostgreSQL's handshake. */
  hangUp(): void;
  /** New connections are forwarded to the server again. */
  forward(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of PostgreSQL that a test can switch to swallowing or dropping new connections. */
export const startSwitchableProxy = async (connectionString: string): Promise<SwitchableProxy> => {
  const target = new URL(connectionString);
  let mode: 'forward' | 'blackhole' | 'hang-up' = 'forward';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (mode === 'hang-up') client.destroy();
    if (mode !== 'forward') return;
    const upstream = connect(Number(target.port), target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const proxied = new URL(connectionString);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return {
    connectionString: proxied.toString(),
    address: `127.0.0.1:${port}`,
    blackhole: () => {
      mode = 'blackhole';
    },
    hangUp: () => {
      mode = 'hang-up';
    },
    forward: () => {
      mode = 'forward';
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

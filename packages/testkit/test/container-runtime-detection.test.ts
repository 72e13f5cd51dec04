import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { expect, test } from 'vitest';
import { detectContainerRuntime } from '../src/detect-container-runtime.js';

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

test('detection answers within 5 s and leaves no timer behind', async () => {
  const timersBefore = activeTimers();
  const startedAt = performance.now();
  const detection = await detectContainerRuntime();
  expect(performance.now() - startedAt).toBeLessThan(5_000);
  expect(typeof detection.available).toBe('boolean');
  expect(activeTimers()).toBe(timersBefore);
});

test('a container runtime that never answers means "no runtime" after the timeout, and the process can still exit', async () => {
  // A Docker endpoint that accepts connections and never replies: what hangs forever without a timeout.
  const sockets = new Set<Socket>();
  const silentDocker = createServer((socket) => sockets.add(socket));
  silentDocker.listen(0, '127.0.0.1');
  await once(silentDocker, 'listening');
  const { port } = silentDocker.address() as { port: number };

  // A fresh process, because Testcontainers reads DOCKER_HOST once per process.
  const script = `
    import { detectContainerRuntime } from '@iprs/testkit';
    const startedAt = performance.now();
    const detection = await detectContainerRuntime(1000);
    console.log(JSON.stringify({ ...detection, ms: performance.now() - startedAt }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  try {
    const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
    const result = JSON.parse(firstLine.toString()) as { available: boolean; reason: string; ms: number };
    expect(result).toMatchObject({ available: false, reason: expect.stringContaining('within 1000 ms') });
    expect(result.ms).toBeLessThan(5_000);

    // The abandoned request is Testcontainers' own; once the daemon hangs up, nothing of ours may keep the process alive.
    for (const socket of sockets) socket.destroy();
    const startedWaiting = performance.now();
    const [exitCode] = (await exited) as [number | null];
    expect(exitCode).toBe(0);
    expect(performance.now() - startedWaiting).toBeLessThan(5_000);
  } finally {
    child.kill();
    silentDocker.close();
  }
});

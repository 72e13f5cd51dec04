import { withTimeout } from './with-timeout.js';

export type ContainerRuntimeDetection = { available: true } | { available: false; reason: string };

/**
 * Asks Testcontainers whether a container runtime answers, giving up after `timeoutMs` (a stale DOCKER_HOST or socket
 * can otherwise hang). Testcontainers is imported only here, so it costs nothing when no caller needs it.
 */
export async function detectContainerRuntime(timeoutMs = 3_000): Promise<ContainerRuntimeDetection> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), timeoutMs, `no container runtime answered within ${timeoutMs} ms`);
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

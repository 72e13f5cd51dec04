import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunningServer {
  pid: number;
  port: number;
}

/**
 * The server recorded in the data directory's `postmaster.pid` (line 1 the pid, line 4 the port), if that process is
 * still alive. A stale file left by a crash reads as "not running".
 */
export async function findRunningEmbeddedServer(dataDir: string): Promise<RunningServer | undefined> {
  let content: string;
  try {
    content = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined;
  return isProcessAlive(pid) ? { pid, port } : undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

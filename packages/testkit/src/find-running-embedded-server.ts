import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresStartError } from './errors.js';

export interface RunningServer {
  pid: number;
  port: number;
}

/**
 * The server recorded in the data directory's `postmaster.pid` (line 1 the pid, line 4 the port), if that process is
 * still alive. A stale file left by a crash reads as "not running", and so does a postmaster that was killed but not
 * yet reaped by its parent.
 */
export async function findRunningEmbeddedServer(dataDir: string): Promise<RunningServer | undefined> {
  const recorded = await readPostmasterPid(dataDir);
  if (!recorded) return undefined;
  return (await processState(recorded.pid)) === 'alive' ? recorded : undefined;
}

/**
 * Waits until the postmaster recorded in `dataDir` is gone for good. One killed with SIGKILL was handed to init when
 * `pg_ctl` detached it; until init reaps it (here up to a second or so) it is a zombie whose pid still answers
 * `kill(pid, 0)`, so PostgreSQL's own check refuses to start ("lock file already exists").
 */
export async function waitUntilDeadPostmasterIsReaped(dataDir: string, timeoutMs: number): Promise<void> {
  const recorded = await readPostmasterPid(dataDir);
  if (!recorded) return;
  const deadline = Date.now() + timeoutMs;
  while ((await processState(recorded.pid)) === 'exited') {
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresStartError(
        `the previous server (pid ${recorded.pid}) died but its parent has not reaped it within ${timeoutMs} ms`,
        '',
      );
    }
    await sleep(100);
  }
}

async function readPostmasterPid(dataDir: string): Promise<RunningServer | undefined> {
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
  return { pid, port };
}

/** 'exited': a zombie, dead but still holding its pid (Linux `/proc`; elsewhere such a process reads as alive). */
async function processState(pid: number): Promise<'alive' | 'exited' | 'gone'> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return 'alive';
  // Field 3, after the command name in parentheses (which may itself contain ") ").
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X' ? 'exited' : 'alive';
}

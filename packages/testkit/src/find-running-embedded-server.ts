import { readFile, readlink, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresStartError } from './errors.js';

export interface RunningServer {
  pid: number;
  port: number;
}

type PostmasterState = 'alive' | 'exited' | 'someone-else' | 'gone';

/**
 * The server recorded in the data directory's `postmaster.pid` (line 1 the pid, line 4 the port), if that process is
 * still alive. A stale file left by a crash reads as "not running", and so do a postmaster that was killed but not
 * yet reaped by its parent and a recorded pid that another process has taken since (after a reboot, say).
 */
export async function findRunningEmbeddedServer(dataDir: string): Promise<RunningServer | undefined> {
  const recorded = await readPostmasterPid(dataDir);
  if (!recorded) return undefined;
  return (await postmasterState(recorded.pid, dataDir)) === 'alive' ? recorded : undefined;
}

/**
 * Clears what a dead postmaster leaves in the way of a new start, which PostgreSQL refuses ("lock file already
 * exists") while the recorded pid answers `kill(pid, 0)`:
 * - killed with SIGKILL, it was handed to init when `pg_ctl` detached it and is a zombie until init reaps it (here
 *   up to a second or so): wait for that, at most `timeoutMs`;
 * - its pid now belongs to another process: remove the stale `postmaster.pid` (PostgreSQL still refuses to start if
 *   any of the dead server's processes hold its shared memory).
 */
export async function clearDeadPostmaster(dataDir: string, timeoutMs: number): Promise<void> {
  const recorded = await readPostmasterPid(dataDir);
  if (!recorded) return;
  const deadline = Date.now() + timeoutMs;
  let state: PostmasterState;
  while ((state = await postmasterState(recorded.pid, dataDir)) === 'exited') {
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresStartError(
        `the previous server (pid ${recorded.pid}) died but its parent has not reaped it within ${timeoutMs} ms`,
        '',
      );
    }
    await sleep(100);
  }
  if (state === 'someone-else') await rm(join(dataDir, 'postmaster.pid'), { force: true });
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

/**
 * Linux tells more through `/proc`: 'exited' is a zombie, dead but still holding its pid; 'someone-else' a process
 * whose working directory is not `dataDir`, where a postmaster always works. Where `/proc` says nothing (another OS,
 * or another user's process) a live pid counts as the postmaster.
 */
async function postmasterState(pid: number, dataDir: string): Promise<PostmasterState> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return 'alive';
  // Field 3, after the command name in parentheses (which may itself contain ") ").
  const state = stat.charAt(stat.lastIndexOf(')') + 2);
  if (state === 'Z' || state === 'X') return 'exited';
  const [workingDirectory, realDataDir] = await Promise.all([
    readlink(`/proc/${pid}/cwd`).catch(() => undefined),
    realpath(dataDir).catch(() => dataDir),
  ]);
  return workingDirectory === undefined || workingDirectory === realDataDir ? 'alive' : 'someone-else';
}

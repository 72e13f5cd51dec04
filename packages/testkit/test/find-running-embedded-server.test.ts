import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EmbeddedPostgresStartError } from '../src/errors.js';
import { findRunningEmbeddedServer, clearDeadPostmaster } from '../src/find-running-embedded-server.js';

const dataDir = await mkdtemp(join(tmpdir(), 'testkit-postmaster-pid-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A postmaster.pid as PostgreSQL writes it: pid, data directory, start time, port, … */
const recordPostmaster = (pid: number) =>
  writeFile(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n1700000000\n5432\n`);

/** The state letter in /proc/<pid>/stat (R, S, Z…), or undefined when there is no such process. */
function processState(pid: number): string | undefined {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * A zombie: the background `sleep 1` exits after its parent has exec'd into `sleep 30`, which never waits for it.
 * Were the child to exit first, the shell could reap it before the exec (bash does, on SIGCHLD) and no zombie would be
 * left. Killing the parent hands the zombie to init, which reaps it.
 */
async function startZombie(): Promise<{ pid: number; reap: () => void }> {
  const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
  const pid = Number(chunk.toString().trim());
  // Until it has exited, `sleep 1` is alive, not yet a zombie: wait (bounded) until /proc says Z.
  for (const deadline = Date.now() + 10_000; processState(pid) !== 'Z';) {
    if (Date.now() > deadline) {
      parent.kill('SIGKILL');
      throw new Error(`pid ${pid} did not become a zombie within 10 s (state ${processState(pid) ?? 'gone'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { pid, reap: () => parent.kill('SIGKILL') };
}

describe('whether the postmaster recorded in postmaster.pid runs', () => {
  test('a live process working in the data directory, as a postmaster does: running, with the recorded port', async () => {
    const postmaster = spawn('sleep', ['30'], { cwd: dataDir, stdio: 'ignore' });
    try {
      await recordPostmaster(postmaster.pid!);
      expect(await findRunningEmbeddedServer(dataDir)).toEqual({ pid: postmaster.pid, port: 5432 });
      await clearDeadPostmaster(dataDir, 1_000);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);
    } finally {
      postmaster.kill('SIGKILL');
    }
  });

  test('a pid another process has taken since (it works elsewhere): not running, and clearing removes the stale file', async () => {
    await recordPostmaster(process.pid);
    expect(await findRunningEmbeddedServer(dataDir)).toBeUndefined();
    await clearDeadPostmaster(dataDir, 1_000);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  test('a pid no process has (stale file after a crash): not running', async () => {
    const gone = spawn('true');
    await once(gone, 'exit');
    await recordPostmaster(gone.pid!);
    expect(await findRunningEmbeddedServer(dataDir)).toBeUndefined();
  });

  test('a killed postmaster not yet reaped (zombie): not running; waiting ends once it is reaped, or says why it could not', async () => {
    const zombie = await startZombie();
    try {
      await recordPostmaster(zombie.pid);
      expect(await findRunningEmbeddedServer(dataDir)).toBeUndefined();
      const failure = await clearDeadPostmaster(dataDir, 300).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EmbeddedPostgresStartError);
      expect(String(failure)).toContain(
        `the previous server (pid ${zombie.pid}) died but its parent has not reaped it`,
      );
    } finally {
      zombie.reap();
    }
    await expect(clearDeadPostmaster(dataDir, 10_000)).resolves.toBeUndefined();
  });
});

import { execFile } from 'node:child_process';
import { copyFile, link } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const execFileAsync = promisify(execFile);

export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Fails the calling test unless we are root: the privacy checks run commands as other OS users through `runuser`,
 * which only root may do. CI runs as root; anywhere else these tests fail saying so rather than pass unchecked.
 */
export function expectRoot(): void {
  expect(process.getuid?.(), 'this test runs commands as other OS users (runuser), which needs root, as CI is').toBe(0);
}

/** Runs `command` as the OS user `user` in `cwd`, with DATABASE_URL removed from the environment. */
export function runAs(user: string, command: string, args: readonly string[], cwd = '/'): Promise<CommandRun> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const options = { cwd, env, timeout: 60_000 };
    execFile('runuser', ['-u', user, '--', command, ...args], options, (error, stdout, stderr) => {
      const exitCode = error ? error.code : 0;
      if (typeof exitCode !== 'number') reject(error ?? new Error(`${command} did not exit`));
      else resolve({ exitCode, stdout, stderr });
    });
  });
}

export async function idsOf(user: string): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, user])).stdout);
  const [uid, gid] = await Promise.all([id('-u'), id('-g')]);
  return { uid, gid };
}

/**
 * A path to this Node binary that other OS users can execute (ours may sit under root's 0700 home): a hard link (else
 * a copy) in `directory`, which must be open to them.
 */
export async function nodeForOtherUsers(directory: string): Promise<string> {
  const node = join(directory, 'node');
  await link(process.execPath, node).catch(() => copyFile(process.execPath, node));
  return node;
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root, so as root the servers run as the `postgres` OS user. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The OS user the server processes run as: `postgres` when we are root, else ourselves (undefined). */
export async function serverOsUser(): Promise<OsUser | undefined> {
  if (!runningAsRoot()) return undefined;
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim())),
  );
  if (uid === undefined || gid === undefined || Number.isNaN(uid) || Number.isNaN(gid)) {
    throw new Error('could not read the uid and gid of the postgres OS user');
  }
  return { uid, gid };
}

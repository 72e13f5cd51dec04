import { chmod, chown } from 'node:fs/promises';
import { serverOsUser } from '@iprs/testkit';
import { ownerOnly } from './check-project-database-access.js';
import type { ProjectDatabasePaths } from './project-database-paths.js';

/**
 * `.iprs/` holds the superuser URL and password: no other local user may enter it, and its files are 0600 (also
 * those an earlier version left readable by all).
 *
 * Not root: the server runs as the invoking user, so `.iprs/` is simply 0700.
 * Root: the server runs as the `postgres` OS user, which must reach `.iprs/data` and append to `.iprs/postgres.log`.
 * `.iprs/` stays root's, group `postgres`, mode 0710: that group may pass through to those two (both its own), but
 * neither list `.iprs/` nor read root's 0600 files; everyone else is kept out. `.iprs/` is not handed to the postgres
 * user: root writes server.json and password there, and in a directory another user owns, that user could swap them
 * for symlinks to files root would then overwrite.
 */
export async function makeProjectDatabasePrivate(paths: ProjectDatabasePaths): Promise<void> {
  const serverUser = await serverOsUser();
  if (serverUser) {
    await chown(paths.root, 0, serverUser.gid);
    await chmod(paths.root, 0o710);
  } else {
    await ownerOnly(paths.root, () => chmod(paths.root, 0o700));
  }
  for (const file of [paths.stateFile, paths.logFile, paths.passwordFile]) {
    await chmod(file, 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

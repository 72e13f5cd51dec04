import { access, constants, stat } from 'node:fs/promises';
import { CliError, ExitCode } from '../cli-error.js';

/**
 * `.iprs/` is private to the user who started its server. Anyone else is told so (exit 2) instead of hearing that no
 * server runs, or getting a bare EACCES. A `.iprs/` that does not exist yet is fine.
 */
export async function checkProjectDatabaseAccess(root: string): Promise<void> {
  try {
    await access(root, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw await notYourProjectDatabase(root, error);
  }
}

/** For an operation on `.iprs/` that only its owner may do (chmod): EPERM becomes the same message. */
export async function ownerOnly<T>(root: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') throw await notYourProjectDatabase(root, error);
    throw error;
  }
}

async function notYourProjectDatabase(root: string, cause: unknown): Promise<CliError> {
  const owner = await stat(root).then(
    ({ uid }) => ` (uid ${uid})`,
    () => '',
  );
  return new CliError(
    `${root} belongs to another user${owner}: its embedded server, URL and password are theirs only`,
    ExitCode.usageOrConnection,
    { cause },
  );
}

import { dirname } from 'node:path';
import { resolveEmbeddedBinaries } from './embedded-binaries.js';
import { EmbeddedPostgresStartError } from './errors.js';
import { runAsServerUser } from './run-as-server-user.js';
import { embeddedSuperuser } from './superuser-password.js';

/**
 * Gives the superuser of the stopped server on `dataDir` a new password, in single-user mode: no connection is
 * accepted meanwhile, so the old password (the fixed `postgres` of earlier versions) works nowhere once this returns.
 * The statement goes through stdin; the password is masked in any error output.
 */
export async function resetSuperuserPassword(dataDir: string, password: string): Promise<void> {
  // Spliced into SQL: only the URL-safe alphabet `generateSuperuserPassword` draws from gets that far.
  if (!/^[\w-]+$/.test(password)) throw new Error('a superuser password must consist of letters, digits, _ and -');
  const { postgres } = await resolveEmbeddedBinaries();
  const statement = `ALTER ROLE ${embeddedSuperuser} PASSWORD '${password}';\n`;
  const result = await runAsServerUser(postgres, ['--single', '-D', dataDir, 'postgres'], dirname(dataDir), statement);
  // In single-user mode a failed statement still exits 0; its ERROR goes to the output.
  if (result.exitCode !== 0 || /\b(ERROR|FATAL|PANIC):/.test(result.output)) {
    throw new EmbeddedPostgresStartError(
      `could not set a new superuser password on ${dataDir} (postgres --single exited with code ${result.exitCode})`,
      result.output.replaceAll(password, '***'),
    );
  }
}

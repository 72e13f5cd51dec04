import { runCommandOrThrow } from '../harness/run-command.js';

/** Applies the migration files with plain `psql -f`, one process, stopping at the first error. */
export async function psqlMigrate(psql: string, databaseUrl: string, files: readonly string[]): Promise<void> {
  await runCommandOrThrow(psql, [
    '--no-psqlrc',
    '--quiet',
    '--set',
    'ON_ERROR_STOP=1',
    '--dbname',
    databaseUrl,
    ...files.flatMap((file) => ['--file', file]),
  ]);
}

import { CliError, ExitCode } from '../cli-error.js';

/** --database-url, else DATABASE_URL; otherwise a message naming both ways and the embedded server. */
export function requireDatabaseUrl(option: string | undefined): string {
  const url = option ?? process.env['DATABASE_URL'];
  if (url) return url;
  throw new CliError(
    'no database: pass --database-url or set DATABASE_URL (`iprs db start` prints one for the embedded server)',
    ExitCode.usageOrConnection,
  );
}

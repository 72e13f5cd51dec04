import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs one SQL file with plain psql, stopping at the first error, as an operator would. */
export async function psqlFile(url: string, file: string): Promise<void> {
  await run('/usr/bin/psql', ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '--dbname', url, '--file', file]);
}

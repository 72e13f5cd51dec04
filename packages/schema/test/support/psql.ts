import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { locatePsql } from './locate-psql.js';

const run = promisify(execFile);

let psql: Promise<string> | undefined;

/** Runs one SQL file with plain psql, stopping at the first error, as an operator would. */
export async function psqlFile(url: string, file: string): Promise<void> {
  psql ??= locatePsql(url);
  await run(await psql, ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '--dbname', url, '--file', file]);
}

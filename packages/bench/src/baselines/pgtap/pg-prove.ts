import { BenchError } from '../../errors/bench-error.js';
import { runCommand } from '../../harness/run-command.js';

/** Runs one pgTAP file with pg_prove against `databaseUrl`; fails unless every assertion passed. Returns the count. */
export async function pgProve(pgProvePath: string, databaseUrl: string, file: string): Promise<number> {
  const url = new URL(databaseUrl);
  const outcome = await runCommand(
    pgProvePath,
    [
      '--host',
      url.hostname,
      '--port',
      url.port || '5432',
      '--username',
      decodeURIComponent(url.username),
      '--dbname',
      decodeURIComponent(url.pathname.slice(1)),
      file,
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
  );
  const tests = /Tests=(\d+)/.exec(outcome.stdout);
  if (outcome.exitCode !== 0 || !/Result: PASS/.test(outcome.stdout) || !tests?.[1]) {
    throw new BenchError(
      `pg_prove did not pass ${file} (exit ${outcome.exitCode}):\n${outcome.stdout}\n${outcome.stderr}`.trim(),
    );
  }
  return Number(tests[1]);
}

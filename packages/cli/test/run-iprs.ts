import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface IprsRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/**
 * Runs the built `iprs` bin in `cwd`. DATABASE_URL and CI are removed from the environment unless `env` sets them, so
 * the tests behave the same on a CI machine as on a laptop.
 */
export function runIprs(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<IprsRun> {
  const { DATABASE_URL: _url, CI: _ci, ...environment } = process.env;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd, env: { ...environment, ...options.env }, timeout: options.timeout ?? 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error ? error.code : 0;
        if (typeof exitCode !== 'number') reject(error ?? new Error('iprs did not exit'));
        else resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BenchError } from '../errors/bench-error.js';

const execFileAsync = promisify(execFile);

export interface CommandOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Run as this OS user (PostgreSQL's server binaries refuse to run as root). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

export interface CommandOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion; never throws on a non-zero exit (callers decide what an exit code means). */
export async function runCommand(
  file: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandOutcome> {
  try {
    const { stdout, stderr } = await execFileAsync(file, [...args], {
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
      ...options.user,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string; killed?: boolean };
    if (typeof failure.code !== 'number') {
      throw new BenchError(`could not run ${file}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    return { exitCode: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** Like runCommand, but a non-zero exit is an error that quotes the program's stderr. */
export async function runCommandOrThrow(
  file: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandOutcome> {
  const outcome = await runCommand(file, args, options);
  if (outcome.exitCode !== 0) {
    const output = `${outcome.stderr}\n${outcome.stdout}`.trim().split('\n').slice(-20).join('\n');
    throw new BenchError(`${file} ${args.join(' ')} exited with ${outcome.exitCode}:\n${output}`);
  }
  return outcome;
}

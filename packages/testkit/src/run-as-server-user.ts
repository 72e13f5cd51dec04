import { spawn } from 'node:child_process';
import { serverOsUser } from './postgres-os-user.js';

export interface BinaryResult {
  exitCode: number | null;
  output: string;
}

/**
 * Runs one of the PostgreSQL binaries as the server's OS user and collects its stdout and stderr. `input` is its stdin:
 * secrets go there, never into the arguments any local user sees in `ps`.
 */
export async function runAsServerUser(
  binary: string,
  args: readonly string[],
  cwd: string,
  input?: string,
): Promise<BinaryResult> {
  const osUser = await serverOsUser();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, ...osUser, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, output: output.trim() }));
    child.stdin.end(input ?? '');
  });
}

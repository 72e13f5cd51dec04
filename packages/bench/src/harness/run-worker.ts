import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WorkerFailedError } from '../errors/worker-failed-error.js';

export type WorkerReply<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: string };

/**
 * Runs a worker module in a fresh Node process and resolves to what it reports. A fresh process per run gives each
 * measurement its own heap and its own peak-RSS counter.
 */
export function runWorker<R>(module: URL, input: unknown): Promise<R> {
  const name = fileURLToPath(module).split('/').pop() ?? String(module);
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(module), [JSON.stringify(input)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: WorkerReply<R> | undefined;
    child.on('message', (message) => {
      reply = message as WorkerReply<R>;
    });
    child.on('error', (error) => reject(new WorkerFailedError(name, error.message, { cause: error })));
    child.on('exit', (code, signal) => {
      if (reply?.ok) resolve(reply.result);
      else if (reply) reject(new WorkerFailedError(name, reply.error));
      else reject(new WorkerFailedError(name, `exited with ${signal ?? `code ${code}`} before reporting a result`));
    });
  });
}

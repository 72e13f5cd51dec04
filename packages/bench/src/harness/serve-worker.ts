import type { WorkerReply } from './run-worker.js';

/** The child side of `runWorker`: reads the JSON input from argv, runs `work`, sends back the result or the error. */
export async function serveWorker<I, R>(work: (input: I) => Promise<R>): Promise<void> {
  let reply: WorkerReply<R>;
  try {
    reply = { ok: true, result: await work(JSON.parse(process.argv[2] ?? 'null') as I) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await new Promise<void>((resolve, reject) => {
    if (!process.send) reject(new Error('this module runs as a child process started by runWorker'));
    else process.send(reply, (error: Error | null) => (error ? reject(error) : resolve()));
  });
  process.disconnect?.();
}

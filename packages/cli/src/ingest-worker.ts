import { parentPort, workerData } from 'node:worker_threads';
import { CliError } from './cli-error.js';
import { runIngestJob, type IngestJob, type IngestWorkerMessage } from './data-services/ingest-in-worker.js';
import { asCliError } from './database-errors.js';

const job = workerData as IngestJob;
const post = (message: IngestWorkerMessage) => parentPort!.postMessage(message);

try {
  post({ type: 'result', result: await runIngestJob(job, (progress) => post({ type: 'progress', progress })) });
} catch (error) {
  const translated = asCliError(error, job.target, job.schema);
  const stackOf = (value: unknown) => (value instanceof Error ? value.stack : undefined);
  post(
    translated instanceof CliError
      ? { type: 'failed', message: translated.message, exitCode: translated.exitCode, stack: stackOf(translated.cause) }
      : {
          type: 'failed',
          message: translated instanceof Error ? translated.message : String(translated),
          exitCode: undefined,
          stack: stackOf(translated),
        },
  );
}

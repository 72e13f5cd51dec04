import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BatchProgress, FileBatchOptions, FileBatchResult } from '@iprs/sdk';
import { CliError, ExitCode } from '../cli-error.js';
import { asCliError } from '../database-errors.js';
import type { DatabaseTarget } from '../database-target.js';
import { ingestKinds, type IngestKind } from './ingest-kinds.js';
import { ingestProgress } from './ingest-progress.js';
import { withSdkPool } from './open-sdk-pool.js';

/**
 * V8 sizes the main thread's heap at start-up (a young generation of up to 128 MB on Node 24) and a program cannot
 * resize it afterwards; parsing a CSV allocates fast enough to grow it to the maximum and the old generation after it,
 * which took a 1M-row ingest over 300 MB. A worker thread's heap limits are set when it starts. The ingest's live data
 * is small and bounded whatever the file's size (a chunk of rows, a batch in flight, the report's first errors; the
 * ids it has seen are kept off the heap), so a 1M-row ingest peaks at 215–230 MB here with these limits, at a few percent
 * of throughput.
 */
const ingestHeapLimits = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 160 } as const;

export interface IngestJob {
  readonly kind: IngestKind['name'];
  readonly target: DatabaseTarget;
  readonly schema: string | undefined;
  readonly options: Omit<FileBatchOptions, 'onProgress'>;
}

/** What the worker posts: progress while it runs, then the result or the error as the person should read it. */
export type IngestWorkerMessage =
  | { readonly type: 'progress'; readonly progress: BatchProgress }
  | { readonly type: 'result'; readonly result: FileBatchResult }
  | {
      readonly type: 'failed';
      readonly message: string;
      /** Set for an error meant for the person (CliError); unset for an unexpected one. */
      readonly exitCode: ExitCode | undefined;
      /** The stack of the unexpected error, or of the CliError's cause (shown with --verbose). */
      readonly stack: string | undefined;
    };

/** The built worker script; running from source (the CLI's own in-process tests) there is none. */
const workerScript = new URL('./ingest-worker.js', import.meta.url);

/**
 * Runs an `iprs ingest` in a worker thread of this process (see ingestHeapLimits) and shows its progress on
 * stderr. Being a thread, not a child process, it dies with the process: kill -9 of `iprs ingest` stops the load as
 * before, and the open transaction rolls back. Without the built worker script it runs in this thread.
 */
export async function ingestInWorker(job: IngestJob): Promise<FileBatchResult> {
  const progress = ingestProgress(process.stderr);
  try {
    if (!existsSync(workerScript)) {
      return await runIngestJob(job, (update) => progress.update(update)).catch((error: unknown) => {
        throw asCliError(error, job.target, job.schema);
      });
    }
    const worker = new Worker(workerScript, {
      workerData: job,
      resourceLimits: ingestHeapLimits,
    });
    try {
      return await new Promise<FileBatchResult>((resolve, reject) => {
        worker.on('message', (message: IngestWorkerMessage) => {
          if (message.type === 'progress') progress.update(message.progress);
          else if (message.type === 'result') resolve(message.result);
          else reject(failureOf(message));
        });
        worker.on('error', (error: Error & { code?: string }) =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new CliError(
                  `the ingest ran out of memory (its thread may use ${ingestHeapLimits.maxOldGenerationSizeMb} MB of heap); ` +
                    'nothing of the file was written',
                  ExitCode.checkFailed,
                  { cause: error },
                )
              : error,
          ),
        );
        worker.on('exit', (code) => reject(new Error(`the ingest worker ended (exit code ${code}) without a result`)));
      });
    } finally {
      await worker.terminate();
    }
  } finally {
    progress.stop();
  }
}

/** The ingestion itself, on a pool of its own: what the worker thread runs. */
export async function runIngestJob(
  job: IngestJob,
  onProgress: (progress: BatchProgress) => void,
): Promise<FileBatchResult> {
  const kind = ingestKinds.find((candidate) => candidate.name === job.kind);
  if (kind === undefined) throw new Error(`no ingest kind '${job.kind}'`);
  return withSdkPool(job.target.url, (pool) => kind.ingest(pool, { ...job.options, onProgress }), job.schema);
}

/** The worker's failure as an error of this thread, keeping the stack that --verbose prints. */
function failureOf(message: Extract<IngestWorkerMessage, { type: 'failed' }>): Error {
  const original = Object.assign(new Error(message.message), { stack: message.stack ?? message.message });
  return message.exitCode === undefined
    ? original
    : new CliError(message.message, message.exitCode, { cause: original });
}

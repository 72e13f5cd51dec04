import { BenchError } from './bench-error.js';

/** A measurement child process failed or died before reporting its result. */
export class WorkerFailedError extends BenchError {
  readonly worker: string;

  constructor(worker: string, reason: string, options?: ErrorOptions) {
    super(`benchmark worker ${worker} failed: ${reason}`, options);
    this.worker = worker;
  }
}

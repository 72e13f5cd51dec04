import { BenchError } from './bench-error.js';

/** A baseline tool is not installed here; the comparison is reported as skipped, never as passed. */
export class BaselineUnavailableError extends BenchError {
  constructor(reason: string) {
    super(reason);
  }
}

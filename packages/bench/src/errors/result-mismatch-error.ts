import { BenchError } from './bench-error.js';

/** iprs and its baseline returned different answers: timing them against each other would compare different work. */
export class ResultMismatchError extends BenchError {
  readonly work: string;

  constructor(work: string, difference: string) {
    super(`${work}: iprs and the baseline disagree (${difference}); the comparison would be meaningless`);
    this.work = work;
  }
}

import { IllegalTransitionError } from '../errors/illegal-transition-error.js';
import type { BatchStatus } from '../schemas/enums.js';

/** A batch was asked to move to a status its lifecycle does not allow from where it is. */
export class IllegalBatchTransitionError extends IllegalTransitionError<BatchStatus> {
  public static override readonly errorName: string = 'IllegalBatchTransitionError';

  public constructor(
    public readonly batchId: string,
    from: BatchStatus,
    to: BatchStatus,
    allowed: readonly BatchStatus[],
  ) {
    super('Batch', batchId, from, to, allowed);
  }
}

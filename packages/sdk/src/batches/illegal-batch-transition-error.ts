import { IprsError } from '../errors/iprs-error.js';
import type { BatchStatus } from '../schemas/enums.js';

/** A batch was asked to move to a status its lifecycle does not allow from where it is. */
export class IllegalBatchTransitionError extends IprsError {
  public static override readonly errorName: string = 'IllegalBatchTransitionError';

  public constructor(
    public readonly batchId: string,
    public readonly from: BatchStatus,
    public readonly to: BatchStatus,
    allowed: readonly BatchStatus[],
  ) {
    super(
      `Batch ${batchId} cannot go from ${from} to ${to}; ` +
        (allowed.length === 0 ? `${from} is final` : `from ${from} it can only go to ${allowed.join(' or ')}`),
    );
  }
}

import type { RunStatus } from '../schemas/enums.js';
import { IprsError } from './iprs-error.js';

/** A run was asked to move to a status its lifecycle does not allow from where it is. */
export class IllegalRunTransitionError extends IprsError {
  public constructor(
    public readonly runId: string,
    public readonly from: RunStatus,
    public readonly to: RunStatus,
    allowed: readonly RunStatus[],
  ) {
    super(
      `Run ${runId} cannot go from ${from} to ${to}; ` +
        (allowed.length === 0 ? `${from} is final` : `from ${from} it can only go to ${allowed.join(' or ')}`),
    );
  }
}

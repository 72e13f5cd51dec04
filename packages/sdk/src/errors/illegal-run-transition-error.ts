import type { RunStatus } from '../schemas/enums.js';
import { IllegalTransitionError } from './illegal-transition-error.js';

/** A run was asked to move to a status its lifecycle does not allow from where it is. */
export class IllegalRunTransitionError extends IllegalTransitionError<RunStatus> {
  public static override readonly errorName: string = 'IllegalRunTransitionError';

  public constructor(
    public readonly runId: string,
    from: RunStatus,
    to: RunStatus,
    allowed: readonly RunStatus[],
  ) {
    super('Run', runId, from, to, allowed);
  }
}

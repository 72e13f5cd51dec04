import type { RunStatus } from '../schemas/enums.js';
import { IprsError } from './iprs-error.js';

/** Results were offered to a run not RUNNING: a finished run's results are final, a pending one has none yet. */
export class RunNotRunningError extends IprsError {
  public static override readonly errorName: string = 'RunNotRunningError';

  public constructor(
    public readonly runId: string,
    public readonly status: RunStatus,
  ) {
    super(`Run ${runId} is ${status}; valuation results can only be recorded while it is RUNNING`);
  }
}

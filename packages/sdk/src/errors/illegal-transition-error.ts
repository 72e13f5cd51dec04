import { IprsError } from './iprs-error.js';

/** Something with a lifecycle was asked to move to a status its lifecycle does not allow from where it is. */
export abstract class IllegalTransitionError<Status extends string> extends IprsError {
  public static override readonly errorName: string = 'IllegalTransitionError';

  protected constructor(
    what: string,
    id: string,
    public readonly from: Status,
    public readonly to: Status,
    allowed: readonly Status[],
  ) {
    super(
      `${what} ${id} cannot go from ${from} to ${to}; ` +
        (allowed.length === 0 ? `${from} is final` : `from ${from} it can only go to ${allowed.join(' or ')}`),
    );
  }
}

import { IprsError, type IprsErrorOptions } from './iprs-error.js';

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `quantity` or `positions.3.base_ccy`; empty for the whole value. */
  readonly field: string;
  readonly message: string;
}

/** Input was refused before any SQL ran (or PostgreSQL could not parse a value). `field` names the first culprit. */
export class ValidationError extends IprsError {
  public static override readonly errorName: string = 'ValidationError';

  public readonly field: string;

  public constructor(
    public readonly issues: readonly ValidationIssue[],
    context?: string,
    options?: IprsErrorOptions,
  ) {
    const described = issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message));
    super(`${context ? `Invalid ${context}: ` : 'Invalid input: '}${described.join('; ')}`, options);
    this.field = issues[0]?.field ?? '';
  }
}

import { IprsError, type IprsErrorOptions } from './iprs-error.js';

/** The row a call needs does not exist (or, for FX, no rate can be derived). */
export class NotFoundError extends IprsError {
  public static override readonly errorName: string = 'NotFoundError';

  public constructor(
    public readonly entity: string,
    public readonly key: string,
    message = `${entity} '${key}' does not exist`,
    options?: IprsErrorOptions,
  ) {
    super(message, options);
  }
}

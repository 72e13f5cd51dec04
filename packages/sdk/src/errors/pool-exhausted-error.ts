import { IprsError } from './iprs-error.js';

/** No connection became free within the configured wait: every connection of the pool stayed in use. */
export class PoolExhaustedError extends IprsError {
  public static override readonly errorName: string = 'PoolExhaustedError';

  public constructor(
    public readonly waitedMs: number,
    public readonly maxPoolSize: number,
  ) {
    super(
      `No database connection became free within ${waitedMs} ms: all ${maxPoolSize} connections of the pool are in use. ` +
        'Release connections sooner (keep dbConn/withTransaction callbacks short), raise maxPoolSize, or raise acquireTimeoutMs.',
    );
  }
}

import { IprsError, type IprsErrorOptions } from './iprs-error.js';

/** PostgreSQL could not be reached or refused the connection. */
export class ConnectionError extends IprsError {
  public static override readonly errorName: string = 'ConnectionError';

  public constructor(
    /** `host:port` (or the socket directory) the SDK tried. */
    public readonly address: string,
    reason: string,
    options?: IprsErrorOptions,
  ) {
    super(
      `Cannot connect to PostgreSQL at ${address}: ${reason}. Check that the server is running and that the connection ` +
        'string (config.connectionString or DATABASE_URL) names the right host, port, database and user.',
      options,
    );
  }
}

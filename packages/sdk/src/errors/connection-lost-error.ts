import { ConnectionError } from './connection-error.js';
import type { IprsErrorOptions } from './iprs-error.js';

/**
 * The session ended while the SDK was using it: the backend was terminated or the server shut down, a timeout closed
 * it, or the socket broke. A ConnectionError, so code that handles "database unavailable" catches both.
 */
export class ConnectionLostError extends ConnectionError {
  public static override readonly errorName: string = 'ConnectionLostError';

  public constructor(address: string, reason: string, options?: IprsErrorOptions) {
    super(address, reason, options);
    this.message =
      `Lost the connection to PostgreSQL at ${address}: ${reason}. Work the session had not committed was rolled back; ` +
      'retry the operation, and check the server (restarts, pg_terminate_backend, idle_in_transaction_session_timeout) ' +
      'if it repeats.';
  }
}

import { slonikConnectionOf } from './connection-options.js';

/** `host:port` of a connection string, for error messages (never the password); a socket directory is the host. */
export const addressOf = (connectionString: string): string => {
  try {
    return slonikConnectionOf(connectionString).address;
  } catch {
    return 'an unparseable connection string';
  }
};

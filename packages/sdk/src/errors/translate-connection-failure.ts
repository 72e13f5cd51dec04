import {
  BackendTerminatedError,
  BackendTerminatedUnexpectedlyError,
  ConnectionError as SlonikConnectionError,
  IdleTransactionTimeoutError,
} from 'slonik';
import { ConnectionError } from './connection-error.js';
import { ConnectionLostError } from './connection-lost-error.js';

/** Errors raised when a connection cannot be opened: socket errno codes and the SQLSTATEs refusing a new session. */
const CANNOT_CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '28000', // invalid_authorization_specification (e.g. a role without LOGIN)
  '28P01', // invalid_password
  '3D000', // invalid_catalog_name: the database does not exist
  '53300', // too_many_connections
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
]);

/** Errors that end a session in use: broken sockets, admin/crash shutdown, terminated backends, session timeouts. */
const SESSION_ENDED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  '57P01', // admin_shutdown, also pg_terminate_backend()
  '57P02', // crash_shutdown
  '57P04', // database_dropped
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout
]);

// What pg and Slonik's driver say when a session's socket is gone; these errors carry no code.
const SESSION_ENDED_MESSAGE = /connection terminated|not queryable|^Client is (?:pending destroy|destroyed)/iu;

interface ConnectionFailureFields {
  readonly code: string | null;
  readonly message: string;
  readonly severity?: unknown;
}

/**
 * The SDK's ConnectionError (naming `address`) for an error meaning the database is unreachable or refuses the session,
 * a ConnectionLostError when a session in use ended, or null when the error is about something else. The rest of
 * SQLSTATE class 08 (connection exception) is a session that broke, so it is lost too — unless a live session reports
 * it as an ERROR about a connection of its own to another server.
 */
export const translateConnectionFailure = (
  error: unknown,
  fields: ConnectionFailureFields,
  address: string,
): ConnectionError | null => {
  const { code, message } = fields;
  // A live session reporting class 08 as a plain ERROR speaks of another server (dblink, postgres_fdw), not of itself.
  if (code?.startsWith('08') && fields.severity === 'ERROR') return null;
  const options = { cause: error, ...(code === null ? {} : { code }) };
  // Slonik raises its ConnectionError when a new session could not be opened, whatever the reason.
  if ((code !== null && CANNOT_CONNECT_CODES.has(code)) || error instanceof SlonikConnectionError) {
    return new ConnectionError(address, message, options);
  }
  if (
    error instanceof BackendTerminatedError ||
    error instanceof BackendTerminatedUnexpectedlyError ||
    error instanceof IdleTransactionTimeoutError ||
    (code !== null && (SESSION_ENDED_CODES.has(code) || code.startsWith('08'))) ||
    (code === null && SESSION_ENDED_MESSAGE.test(message))
  ) {
    return new ConnectionLostError(address, message, options);
  }
  return null;
};

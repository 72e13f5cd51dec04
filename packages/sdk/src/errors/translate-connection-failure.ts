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

interface ConnectionFailureFields {
  readonly code: string | null;
  readonly message: string;
  readonly address?: unknown;
  readonly port?: unknown;
}

/**
 * The SDK's ConnectionError for an error meaning the database is unreachable or the session ended (a
 * ConnectionLostError then), or null when the error is about something else. The rest of SQLSTATE class 08
 * (connection exception) is a session that broke, so it is lost too.
 */
export const translateConnectionFailure = (error: unknown, fields: ConnectionFailureFields): ConnectionError | null => {
  const { code, message } = fields;
  if (code !== null && CANNOT_CONNECT_CODES.has(code)) {
    const address = typeof fields.address === 'string' ? `${fields.address}:${String(fields.port ?? '')}` : 'the server';
    return new ConnectionError(address, message, { cause: error });
  }
  if (
    error instanceof BackendTerminatedError ||
    error instanceof BackendTerminatedUnexpectedlyError ||
    error instanceof IdleTransactionTimeoutError ||
    (code !== null && (SESSION_ENDED_CODES.has(code) || code.startsWith('08')))
  ) {
    return new ConnectionLostError(message, { cause: error });
  }
  if (error instanceof SlonikConnectionError) return new ConnectionError('the server', message, { cause: error });
  return null;
};

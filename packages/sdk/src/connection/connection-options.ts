import { parse } from 'pg-connection-string';

/** What Slonik is given for one connection string: a DSN it parses fully, plus what it cannot take from a DSN. */
export interface SlonikConnection {
  /** `postgresql://user:password@host:port/database?application_name=…&options=…`, host percent-encoded. */
  readonly dsn: string;
  /** TLS settings when the URL asks for TLS (`sslmode` other than disable, `ssl=true`, `sslrootcert`…). */
  readonly ssl: { readonly [key: string]: unknown } | undefined;
  /** libpq's `connect_timeout` (seconds) in ms, when the URL sets it. */
  readonly connectTimeoutMs: number | undefined;
  /** The server settings the URL's `options` sets (`-c statement_timeout=5000` or `--statement_timeout=5000`). */
  readonly settingsInOptions: ReadonlySet<string>;
  /** `host:port` for messages, never the password. */
  readonly address: string;
}

const sslModes = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);

/**
 * Reads a connection string the way node-postgres does (pg-connection-string: libpq URLs with `host=` / `port=` /
 * `user=` / `password=` / `dbname`-style query parameters, Unix-socket directories, `sslmode`, `options`,
 * `application_name`, `connect_timeout`) and rewrites it for Slonik 49, whose own DSN parser drops the `host`, `port`,
 * `user` and `password` query parameters and `connect_timeout`, and refuses `sslmode` values other than disable,
 * no-verify and require. So a URL means the same to createPool as to `migrate` and `verifySchema`.
 * Throws an Error naming what is wrong (never echoing a password) when the string is not a usable PostgreSQL URL.
 */
export const slonikConnectionOf = (connectionString: string): SlonikConnection => {
  if (!/^postgres(ql)?:\/\//i.test(connectionString)) {
    throw new Error('connectionString must be a postgres:// or postgresql:// URL');
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(connectionString);
  } catch {
    throw new Error('connectionString is not a parseable PostgreSQL URL');
  }
  const sslmode = typeof parsed['sslmode'] === 'string' ? parsed['sslmode'] : undefined;
  if (sslmode !== undefined && !sslModes.has(sslmode)) {
    throw new Error(`sslmode=${sslmode} is not one of ${[...sslModes].join(', ')}`);
  }
  const port = parsed.port ? Number(parsed.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port <= 65_535)) {
    throw new Error(`port ${parsed.port} is not a port number`);
  }
  const connectTimeout = parsed['connect_timeout'];
  if (connectTimeout !== undefined && !/^\d+$/.test(String(connectTimeout))) {
    throw new Error(`connect_timeout=${String(connectTimeout)} is not a number of seconds`);
  }

  const host = parsed.host || 'localhost';
  const credentials = parsed.user
    ? `${encodeURIComponent(parsed.user)}${parsed.password ? `:${encodeURIComponent(parsed.password)}` : ''}@`
    : '';
  // Slonik reads the host with decodeURIComponent, so a socket directory travels percent-encoded, as libpq allows.
  const hostPart = host.includes(':') && !host.startsWith('/') ? `[${host}]` : encodeURIComponent(host);
  const query = new URLSearchParams();
  if (parsed.application_name) query.set('application_name', parsed.application_name);
  if (parsed.options) query.set('options', parsed.options);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  const dsn = `postgresql://${credentials}${hostPart}${port ? `:${port}` : ''}/${encodeURIComponent(parsed.database ?? '')}${search}`;

  const ssl =
    parsed.ssl === true ? {} : typeof parsed.ssl === 'object' && parsed.ssl !== null ? { ...parsed.ssl } : undefined;
  return {
    dsn,
    ssl,
    connectTimeoutMs:
      connectTimeout === undefined || Number(connectTimeout) === 0 ? undefined : Number(connectTimeout) * 1000,
    settingsInOptions: new Set(
      [...(parsed.options ?? '').matchAll(/(?:-c\s*|--)([\w.]+)=/g)].map((match) => match[1]!.toLowerCase()),
    ),
    address: `${host}:${port ?? 5432}`,
  };
};

import { isTargetSessionAttrs, parseMultiHostUrl, TARGET_SESSION_ATTRS } from '@iprs/schema';

/** The sslmode values libpq defines, plus node-postgres' `no-verify` (TLS without certificate checks). */
const sslModes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;

/**
 * A postgres:// or postgresql:// URL as libpq reads it, or undefined when `value` is not one. libpq allows what WHATWG
 * URL rejects — credentials before an empty host (`postgres://user:secret@/db?host=/var/run/postgresql`) — so that
 * form is read with a placeholder host; the real host then comes from the `host` query parameter or the default.
 */
export function parsePostgresUrl(value: string): URL | undefined {
  const single = firstHostOf(value);
  const url = tryUrl(single) ?? tryUrl(single.replace(/@\//, '@localhost/'));
  return url && (url.protocol === 'postgres:' || url.protocol === 'postgresql:') ? url : undefined;
}

/** What is wrong with the libpq query parameters of `url`, or undefined when nothing is. */
export function queryParameterProblem(url: URL): string | undefined {
  const port = url.searchParams.get('port');
  if (port !== null && !/^\d{1,5}$/.test(port)) return `port=${port} is not a port number`;
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !(sslModes as readonly string[]).includes(sslmode)) {
    return `sslmode=${sslmode} is not one of ${sslModes.join(', ')}`;
  }
  const targetSessionAttrs = url.searchParams.get('target_session_attrs');
  if (targetSessionAttrs !== null && !isTargetSessionAttrs(targetSessionAttrs)) {
    return `target_session_attrs=${targetSessionAttrs} is not one of ${TARGET_SESSION_ATTRS.join(', ')}`;
  }
  const connectTimeout = url.searchParams.get('connect_timeout');
  if (connectTimeout !== null && !/^\d+$/.test(connectTimeout))
    return `connect_timeout=${connectTimeout} is not a number of seconds`;
  return undefined;
}

/**
 * `host:port/database` of a URL, the way the drivers resolve it: a `host` or `port` query parameter wins (that is how a
 * Unix-socket directory is given), an empty host means localhost. Never the password.
 */
export function serverAddressOf(value: string): string {
  const url = parsePostgresUrl(value);
  if (!url) return '(unparseable URL)';
  const hostname = value.includes('@/') ? '' : decodeURIComponent(url.hostname);
  const host = url.searchParams.get('host') || hostname || 'localhost';
  const port = url.searchParams.get('port') || url.port || '5432';
  const database = url.searchParams.get('dbname') ?? decodeURIComponent(url.pathname.slice(1));
  if (isMultiHost(value))
    return `${parseMultiHostUrl(value)
      .hosts.map((candidate) => candidate.address)
      .join(',')}/${database}`;
  return `${host}:${port}/${database}`;
}

const isMultiHost = (value: string): boolean => /^postgres(?:ql)?:\/\/[^/?#]*,/u.test(value);

/**
 * A multi-host URL (`postgres://u@h1:5432,h2:5433/db?target_session_attrs=read-write`, which WHATWG URL rejects) as
 * the URL of its first host, whose query parameters all hosts share; any other value as it is.
 */
function firstHostOf(value: string): string {
  if (!isMultiHost(value)) return value;
  try {
    return parseMultiHostUrl(value).hosts[0]?.url ?? value;
  } catch {
    return value;
  }
}

function tryUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

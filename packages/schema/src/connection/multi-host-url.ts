import { InvalidConnectionStringError } from '../errors/invalid-connection-string-error.js';
import { isTargetSessionAttrs, TARGET_SESSION_ATTRS, type TargetSessionAttrs } from './target-session-attrs.js';

/** One server of a multi-host URL, with the single-host URL node-postgres understands. */
export interface CandidateHost {
  /** `host:port`, for messages. */
  readonly address: string;
  /** The original URL narrowed to this host, without target_session_attrs (which node-postgres does not know). */
  readonly url: string;
}

export interface MultiHostUrl {
  /** In the order given; libpq tries them in that order. */
  readonly hosts: readonly CandidateHost[];
  /** Default `any`, as in libpq. */
  readonly targetSessionAttrs: TargetSessionAttrs;
}

// scheme, optional user info, the host list, then path, query and fragment.
const urlShape = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/su;
const bracketedHost = /^(\[[^\]]+\])(?::(\d+))?$/u;
const plainHost = /^([^:[\]]+)(?::(\d+))?$/u;

/**
 * Splits a libpq-style URL such as `postgres://user@h1:5432,h2:5433/db?target_session_attrs=read-write` into one URL
 * per host. A string that is not a postgres:// URL (or names no host: Unix socket defaults) is one candidate as is.
 */
export function parseMultiHostUrl(connectionString: string): MultiHostUrl {
  const match = urlShape.exec(connectionString);
  if (!match)
    return { hosts: [{ address: 'the configured server', url: connectionString }], targetSessionAttrs: 'any' };
  const [, scheme = '', userInfo = '', hostList = '', rest = ''] = match;
  const { remainder, targetSessionAttrs, defaultPort } = takeTargetSessionAttrs(rest);
  if (hostList === '') {
    return { hosts: [{ address: 'the default socket', url: `${scheme}${userInfo}${remainder}` }], targetSessionAttrs };
  }
  const entries = hostList.split(',');
  const hosts = entries.map((entry) => {
    const parts = bracketedHost.exec(entry) ?? plainHost.exec(entry);
    if (!parts?.[1]) {
      throw new InvalidConnectionStringError(
        `"${entry}" in the host list is not host, host:port or [ipv6]:port (hosts are separated by commas)`,
      );
    }
    const port = parts[2] ?? defaultPort;
    // One host keeps its authority as written: node-postgres then reads port parameters exactly as before.
    const authority = entries.length === 1 ? entry : `${parts[1]}:${port}`;
    return { address: `${parts[1]}:${port}`, url: `${scheme}${userInfo}${authority}${remainder}` };
  });
  return { hosts, targetSessionAttrs };
}

function takeTargetSessionAttrs(rest: string): {
  remainder: string;
  targetSessionAttrs: TargetSessionAttrs;
  defaultPort: string;
} {
  const queryStart = rest.indexOf('?');
  if (queryStart < 0) return { remainder: rest, targetSessionAttrs: 'any', defaultPort: '5432' };
  const fragmentStart = rest.indexOf('#', queryStart);
  const query = rest.slice(queryStart + 1, fragmentStart < 0 ? undefined : fragmentStart);
  const params = new URLSearchParams(query);
  const defaultPort = params.get('port') ?? '5432';
  const wanted = params.get('target_session_attrs');
  if (wanted === null) return { remainder: rest, targetSessionAttrs: 'any', defaultPort };
  if (!isTargetSessionAttrs(wanted)) {
    throw new InvalidConnectionStringError(
      `target_session_attrs=${wanted} is not one of ${TARGET_SESSION_ATTRS.join(', ')}`,
    );
  }
  params.delete('target_session_attrs');
  const kept = params.toString();
  const remainder =
    rest.slice(0, queryStart) + (kept ? `?${kept}` : '') + (fragmentStart < 0 ? '' : rest.slice(fragmentStart));
  return { remainder, targetSessionAttrs: wanted, defaultPort };
}

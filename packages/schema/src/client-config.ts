import type pg from 'pg';

/**
 * The node-postgres configuration for a connection string or configuration. node-postgres itself reads the libpq
 * URL forms (a `host=` socket directory, `port=`, `user=`, `password=`, `sslmode`, `options`, `application_name`) but
 * ignores `connect_timeout`, which here becomes `connectionTimeoutMillis` as libpq would apply it (0: no limit).
 * `applicationName` is the default the URL's own `application_name` overrides.
 */
export function clientConfigOf(target: string | pg.ClientConfig, applicationName: string): pg.ClientConfig {
  if (typeof target !== 'string') return { application_name: applicationName, ...target };
  const connectTimeout = /[?&]connect_timeout=(\d+)(?:&|#|$)/.exec(target)?.[1];
  return {
    application_name: applicationName,
    connectionString: target,
    ...(connectTimeout === undefined ? {} : { connectionTimeoutMillis: Number(connectTimeout) * 1000 }),
  };
}

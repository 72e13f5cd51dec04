import { parseDsn } from 'slonik';

/** `host:port` of a connection string, for error messages (never the password). */
export const addressOf = (connectionString: string): string => {
  try {
    const { host, port } = parseDsn(connectionString);
    return `${host ?? 'localhost'}:${port ?? 5432}`;
  } catch {
    return 'an unparseable connection string';
  }
};

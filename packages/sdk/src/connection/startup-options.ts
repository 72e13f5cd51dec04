/**
 * The connection string with `-c name=value` settings added to its `options` parameter, which PostgreSQL applies when
 * the session starts (no round trip, and RESET/DISCARD ALL return to them). Settings already in the connection
 * string's own `options` come after, so they win — except `overriding`, which come last. A string that is not a URL is
 * returned as is (Slonik refuses it).
 */
export const withStartupOptions = (
  connectionString: string,
  settings: Readonly<Record<string, string>>,
  overriding: Readonly<Record<string, string>> = {},
): string => {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString;
  }
  const asOptions = (entries: Readonly<Record<string, string>>) =>
    Object.entries(entries).map(([name, value]) => `-c ${name}=${value}`);
  const theirs = url.searchParams.get('options');
  url.searchParams.set(
    'options',
    [...asOptions(settings), ...(theirs ? [theirs] : []), ...asOptions(overriding)].join(' '),
  );
  return url.toString();
};

/** The same server and credentials as `serverUrl`, connected to `database`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * `serverUrl` with its passwords masked, for messages: the one after the user name and a libpq `password=` query
 * parameter. Works on the libpq form WHATWG URL rejects (`postgres://user:secret@/db?host=/socket/dir`) too.
 */
export function redactUrl(serverUrl: string): string {
  // A placeholder host makes the empty-host form parseable; it is taken out again below.
  const emptyHost = !canParse(serverUrl) && canParse(serverUrl.replace(/@\//, '@iprs-empty-host/'));
  let url: URL;
  try {
    url = new URL(emptyHost ? serverUrl.replace(/@\//, '@iprs-empty-host/') : serverUrl);
  } catch {
    // A multi-host URL (h1:5432,h2:5433) is no WHATWG URL: mask the password by its place.
    const userInfo = /^(postgres(?:ql)?:\/\/[^:@/?#]*):[^@/?#]*@/u;
    if (/^postgres(?:ql)?:\/\/[^/?#]*,/u.test(serverUrl)) return serverUrl.replace(userInfo, '$1:***@');
    return '(unparseable URL)';
  }
  if (url.password) url.password = '***';
  url.search = url.search.replace(/([?&]password=)[^&]*/gi, '$1***');
  const redacted = url.toString();
  return emptyHost ? redacted.replace('@iprs-empty-host/', '@/') : redacted;
}

function canParse(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

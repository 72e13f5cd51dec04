// scheme, then everything up to the query or fragment (user info, hosts, path), then the rest as written.
const urlShape = /^([a-z][a-z0-9+.-]*:\/\/)([^?#]*)(.*)$/isu;
const passwordParameter = /([?&]password=)[^&#]*/giu;

/**
 * `url` with its passwords replaced by `***`, for messages and reports: the one in the user info
 * (`postgres://user:secret@host/db`) and libpq's `password=` query parameter. Works on the forms a WHATWG URL parser
 * rejects (several hosts `h1:5432,h2:5433`, an empty host with `?host=/socket/dir`, a password with a raw `@` or `/`)
 * and leaves everything else exactly as written, percent-encoding included. A string that is no URL at all is not
 * echoed: `(unparseable URL)`.
 */
export function redactUrl(url: string): string {
  const match = urlShape.exec(url);
  if (!match) return '(unparseable URL)';
  const [, scheme = '', beforeQuery = '', query = ''] = match;
  // The last @ before the query ends the user info, so an unencoded @ or / in the password is masked too.
  const at = beforeQuery.lastIndexOf('@');
  const userInfo = at < 0 ? '' : beforeQuery.slice(0, at);
  const colon = userInfo.indexOf(':');
  const masked = colon < 0 || colon === userInfo.length - 1 ? userInfo : `${userInfo.slice(0, colon)}:***`;
  const hostsAndPath = at < 0 ? beforeQuery : `${masked}${beforeQuery.slice(at)}`;
  return `${scheme}${hostsAndPath}${query.replace(passwordParameter, '$1***')}`;
}

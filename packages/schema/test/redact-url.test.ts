import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/internal.js';

describe('redactUrl masks every password a libpq URL can carry and keeps the rest as written', () => {
  it('the password in the user info', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/iprs')).toBe('postgres://app:***@db:5432/iprs');
    expect(redactUrl('postgresql://app:s3cret@[::1]:5432/iprs?sslmode=disable')).toBe(
      'postgresql://app:***@[::1]:5432/iprs?sslmode=disable',
    );
  });

  it('a password= query parameter, wherever it stands in the query', () => {
    expect(redactUrl('postgres://db/iprs?password=s3cret')).toBe('postgres://db/iprs?password=***');
    expect(redactUrl('postgres://db/iprs?user=app&password=s3cret&sslmode=disable')).toBe(
      'postgres://db/iprs?user=app&password=***&sslmode=disable',
    );
    expect(redactUrl('postgres://a:one@db/iprs?PASSWORD=two')).toBe('postgres://a:***@db/iprs?PASSWORD=***');
  });

  it('multi-host URLs, which no WHATWG URL parser accepts', () => {
    expect(redactUrl('postgres://app:s3cret@db1:5432,db2:5433/iprs?target_session_attrs=read-write')).toBe(
      'postgres://app:***@db1:5432,db2:5433/iprs?target_session_attrs=read-write',
    );
    expect(redactUrl('postgresql://app@db1,db2/iprs?password=s3cret')).toBe(
      'postgresql://app@db1,db2/iprs?password=***',
    );
  });

  it('URL-encoded passwords (an encoded @, : or /), and a raw @ or / a user forgot to encode', () => {
    expect(redactUrl('postgres://app:p%40ss%3Aw%2Frd@db/iprs')).toBe('postgres://app:***@db/iprs');
    expect(redactUrl('postgres://app:p@ss@db/iprs')).toBe('postgres://app:***@db/iprs');
    expect(redactUrl('postgres://app:pa/ss@db/iprs')).toBe('postgres://app:***@db/iprs');
    expect(redactUrl('postgres://db/iprs?password=p%26ss%3D1&sslmode=disable')).toBe(
      'postgres://db/iprs?password=***&sslmode=disable',
    );
    expect(redactUrl('postgres://ap%3Ap:s3cret@db/iprs')).toBe('postgres://ap%3Ap:***@db/iprs');
  });

  it('the empty-host socket form, and URLs without a password unchanged', () => {
    expect(redactUrl('postgres://app:s3cret@/iprs?host=/var/run/postgresql')).toBe(
      'postgres://app:***@/iprs?host=/var/run/postgresql',
    );
    for (const url of ['postgres://app@db/iprs', 'postgres://db/iprs', 'postgres:///iprs', 'postgres://app:@db/iprs']) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('echoes nothing of a string that is no URL', () => {
    expect(redactUrl('not a url with s3cret')).toBe('(unparseable URL)');
    expect(redactUrl('host=db password=s3cret')).toBe('(unparseable URL)');
  });
});

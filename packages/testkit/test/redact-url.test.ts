import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/index.js';

describe('redactUrl', () => {
  it('masks the password of single-host and multi-host URLs, and hides what it cannot parse', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/iprs')).toBe('postgres://app:***@db:5432/iprs');
    expect(redactUrl('postgres://app:s3cret@db1:5432,db2:5433/iprs?target_session_attrs=read-write')).toBe(
      'postgres://app:***@db1:5432,db2:5433/iprs?target_session_attrs=read-write',
    );
    expect(redactUrl('postgresql://app@db1,db2/iprs')).toBe('postgresql://app@db1,db2/iprs');
    expect(redactUrl('not a url with s3cret')).toBe('(unparseable URL)');
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidConnectionStringError, parseMultiHostUrl } from '../src/index.js';

describe('parseMultiHostUrl', () => {
  it('splits a libpq host list into one URL per host, in order, without target_session_attrs', () => {
    const parsed = parseMultiHostUrl(
      'postgres://app:s3cret@h1:5432,h2:5433,[::1]:6432/db?sslmode=disable&target_session_attrs=read-write',
    );
    expect(parsed.targetSessionAttrs).toBe('read-write');
    expect(parsed.hosts).toEqual([
      { address: 'h1:5432', url: 'postgres://app:s3cret@h1:5432/db?sslmode=disable' },
      { address: 'h2:5433', url: 'postgres://app:s3cret@h2:5433/db?sslmode=disable' },
      { address: '[::1]:6432', url: 'postgres://app:s3cret@[::1]:6432/db?sslmode=disable' },
    ]);
  });

  it('gives a host without a port the port parameter, else 5432, and accepts every libpq role', () => {
    for (const role of ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'] as const) {
      const parsed = parseMultiHostUrl(`postgresql://h1,h2:6000/db?port=7000&target_session_attrs=${role}`);
      expect(parsed.targetSessionAttrs).toBe(role);
      expect(parsed.hosts.map((host) => host.address)).toEqual(['h1:7000', 'h2:6000']);
    }
    expect(parseMultiHostUrl('postgres://h1,h2/db').hosts.map((host) => host.address)).toEqual(['h1:5432', 'h2:5432']);
  });

  it('leaves a single-host URL, a socket-only URL and a key=value string as one candidate, unchanged', () => {
    for (const text of [
      'postgres://u@db.example:5432/x?application_name=a',
      'postgres:///x?host=/tmp',
      'host=/tmp dbname=x',
    ]) {
      const parsed = parseMultiHostUrl(text);
      expect(parsed.targetSessionAttrs).toBe('any');
      expect(parsed.hosts).toHaveLength(1);
    }
    expect(parseMultiHostUrl('postgres://u@db.example:5432/x?application_name=a').hosts[0]?.url).toBe(
      'postgres://u@db.example:5432/x?application_name=a',
    );
  });

  it('refuses an empty host, a non-numeric port and an unknown target_session_attrs, naming the culprit', () => {
    const cases: [string, RegExp][] = [
      ['postgres://h1:5432,/db', /"" in the host list/],
      ['postgres://h1:5432,h2:x/db', /"h2:x" in the host list/],
      ['postgres://h1,h2/db?target_session_attrs=master', /target_session_attrs=master is not one of any, read-write/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseMultiHostUrl(text)).toThrow(InvalidConnectionStringError);
      expect(() => parseMultiHostUrl(text)).toThrow(message);
    }
  });
});

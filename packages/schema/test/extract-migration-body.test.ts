import { describe, expect, it } from 'vitest';
import { type Migration, MigrationSourceError, extractMigrationBody } from '../src/index.js';

const migration = (sql: string): Migration => ({
  version: '001',
  name: 'example',
  filename: '001_example.sql',
  sql,
  checksum: '0'.repeat(64),
});

describe('extractMigrationBody', () => {
  it('blanks exactly the outer BEGIN; and COMMIT;, keeping every other character at its offset', () => {
    const sql = '-- header; with a semicolon\nBEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n-- trailer\n';
    const body = extractMigrationBody(migration(sql));
    expect(body).toBe('-- header; with a semicolon\n      \nCREATE TABLE t (id int);\n       \n-- trailer\n');
  });

  it('accepts BEGIN TRANSACTION / COMMIT WORK in any case, and comments around them', () => {
    const body = extractMigrationBody(migration('/* a; b */ begin transaction ; SELECT 1; commit work;'));
    expect(body.trim()).toBe('/* a; b */                     SELECT 1;');
  });

  it('does not mistake semicolons or keywords in strings, identifiers, dollar quotes or comments for statements', () => {
    const sql = [
      'BEGIN;',
      "SELECT 'COMMIT;', E'it\\'s; COMMIT;', \"odd;name\";",
      'DO $body$ BEGIN PERFORM 1; COMMIT; END $body$;',
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;',
      '/* nested /* COMMIT; */ still a comment; */',
      'COMMIT;',
    ].join('\n');
    const body = extractMigrationBody(migration(sql));
    expect(body.split('\n').slice(1, -1)).toEqual(sql.split('\n').slice(1, -1));
  });

  it.each([
    ['no wrapper at all', 'CREATE TABLE t (id int);', /must start with BEGIN; and end with COMMIT;/],
    [
      'BEGIN without COMMIT',
      'BEGIN;\nCREATE TABLE t (id int);\n',
      /must end with COMMIT; \(found "CREATE TABLE t \(id int\)"/,
    ],
    ['COMMIT without its semicolon', 'BEGIN;\nSELECT 1;\nCOMMIT', /must end with COMMIT;/],
    [
      'ROLLBACK instead of COMMIT',
      'BEGIN;\nSELECT 1;\nROLLBACK;',
      /must end with COMMIT; \(found "ROLLBACK" as its last statement\)/,
    ],
    [
      'a second transaction',
      'BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;',
      /transaction control .* \("COMMIT" at line 3\)/,
    ],
    [
      'an isolation level the runner would drop',
      'BEGIN ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT;',
      /must start with BEGIN;/,
    ],
    ['only comments', '-- BEGIN;\n-- COMMIT;\n', /must start with BEGIN;/],
  ])('refuses %s, naming the file', (_case, sql, message) => {
    expect(() => extractMigrationBody(migration(sql))).toThrow(MigrationSourceError);
    expect(() => extractMigrationBody(migration(sql))).toThrow(new RegExp(`^001_example\\.sql: .*${message.source}`));
  });

  it('allows savepoints inside the wrapper', () => {
    const sql = 'BEGIN;\nSAVEPOINT s;\nSELECT 1;\nROLLBACK TO SAVEPOINT s;\nCOMMIT;\n';
    expect(extractMigrationBody(migration(sql))).toContain('ROLLBACK TO SAVEPOINT s;');
  });
});

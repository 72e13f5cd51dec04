import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MigrationSourceError, extractMigrationBody, loadMigrations, migrations } from '../src/index.js';
import { migrationDirectory } from './support/migration-directory.js';

const repositorySql = fileURLToPath(new URL('../../../sql/', import.meta.url));
const wrapped = 'BEGIN;\nSELECT 1;\nCOMMIT;\n';

describe('the shipped migrations', () => {
  it('are the repository sql/ files, in order, with SHA-256 checksums of their bytes', () => {
    const files = readdirSync(repositorySql)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(migrations.map((migration) => migration.filename)).toEqual(files);
    expect(migrations.slice(0, 2).map(({ version, name }) => ({ version, name }))).toEqual([
      { version: '001', name: 'mvp_core' },
      { version: '002', name: 'portfolio_data_services' },
    ]);
    for (const migration of migrations) {
      const bytes = readFileSync(join(repositorySql, migration.filename));
      expect(migration.checksum, migration.filename).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(migration.sql).toBe(bytes.toString('utf8'));
    }
  });

  it('each carry the BEGIN;/COMMIT; wrapper the runner strips', () => {
    for (const migration of migrations) {
      const body = extractMigrationBody(migration);
      expect(body).toHaveLength(migration.sql.length);
      expect(body).not.toMatch(/^\s*BEGIN;/m);
      expect(body).not.toMatch(/^\s*COMMIT;/m);
    }
  });
});

describe('loadMigrations', () => {
  it('orders by the numeric value of the prefix, not the text, and ignores other files', () => {
    const directory = migrationDirectory({
      '10_ten.sql': wrapped,
      '9_nine.sql': wrapped,
      '0002_two.sql': wrapped,
      'README.md': '# not a migration',
    });
    expect(loadMigrations(directory).map((migration) => migration.filename)).toEqual([
      '0002_two.sql',
      '9_nine.sql',
      '10_ten.sql',
    ]);
  });

  it('accepts a file: URL', () => {
    const directory = migrationDirectory({ '001_only.sql': wrapped });
    expect(loadMigrations(new URL(`file://${directory}/`)).map((migration) => migration.name)).toEqual(['only']);
  });

  it.each([
    [
      'a misnamed .sql file',
      { '001_ok.sql': wrapped, '002-Bad Name.sql': wrapped },
      /002-Bad Name\.sql: migration files must be named NNN_snake_case_name\.sql/,
    ],
    [
      'two files with one version',
      { '001_first.sql': wrapped, '1_again.sql': wrapped },
      /version 1 is also used by 001_first\.sql/,
    ],
    ['a directory without migrations', { 'notes.txt': '' }, /no migration files/],
  ])('refuses %s', (_case, files, message) => {
    const directory = migrationDirectory(files);
    expect(() => loadMigrations(directory)).toThrow(MigrationSourceError);
    expect(() => loadMigrations(directory)).toThrow(message);
  });

  it('refuses a missing directory, saying how the build creates it', () => {
    expect(() => loadMigrations('/nonexistent/iprs-sql')).toThrow(/does not exist .*pnpm --filter @iprs\/schema build/);
  });
});

import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { createDatabase } from '../src/create-database.js';
import { databaseUrl } from '../src/database-url.js';
import { dropDatabase } from '../src/drop-database.js';
import { uniqueDatabaseName } from '../src/unique-database-name.js';
import { useEmptyDatabase, useMigratedDatabase } from '../src/vitest.js';
import { query } from './query.js';

const first = await useMigratedDatabase();
const second = await useMigratedDatabase();
const empty = await useEmptyDatabase();

test('clones start from the prepared template and are isolated from each other', async () => {
  expect(first).not.toBe(second);
  expect(await query(first, 'SELECT note FROM template_marker')).toEqual([{ note: 'cloned' }]);
  await query(first, "INSERT INTO template_marker VALUES ('only in first'); CREATE TABLE first_only (id int)");
  expect(await query(second, 'SELECT note FROM template_marker')).toEqual([{ note: 'cloned' }]);
  expect(await query(second, "SELECT to_regclass('first_only') AS found")).toEqual([{ found: null }]);
});

test('an empty database has no tables of the template', async () => {
  expect(await query(empty, "SELECT to_regclass('template_marker') AS found")).toEqual([{ found: null }]);
});

test('concurrent clones of one template all succeed', async () => {
  const { serverUrl, templateDatabase } = inject('iprsTestDatabase');
  const names = Array.from({ length: 5 }, () => uniqueDatabaseName('testkit'));
  try {
    await Promise.all(names.map((name) => createDatabase(serverUrl, name, { template: templateDatabase })));
    for (const name of names) {
      expect(await query(databaseUrl(serverUrl, name), 'SELECT count(*)::int AS n FROM template_marker')).toEqual([
        { n: 1 },
      ]);
    }
  } finally {
    await Promise.all(names.map((name) => dropDatabase(serverUrl, name)));
  }
});

test('dropDatabase removes a database that still has open sessions', async () => {
  const { serverUrl } = inject('iprsTestDatabase');
  const name = uniqueDatabaseName('testkit');
  await createDatabase(serverUrl, name);
  const openSession = new pg.Client(databaseUrl(serverUrl, name));
  openSession.on('error', () => undefined);
  await openSession.connect();
  try {
    await dropDatabase(serverUrl, name);
  } finally {
    await openSession.end().catch(() => undefined);
  }
  expect(await query(serverUrl, `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${name}'`)).toEqual([
    { n: 0 },
  ]);
});

import { manifestForRelease, type SchemaSnapshot } from '@iprs/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CatalogUnavailableError, readCatalog, runProbes, verifySchema, type CheckResult } from '../src/index.js';
import { execute, withClonedDatabase } from './support/databases.js';

const tables = manifestForRelease().schema.tables.map((table) => table.name);

// A few thousand rows in every table, with hierarchies, histories and every enum value in use.
const populate = `
INSERT INTO instrument (instrument_id, instrument_type, name, currency)
  SELECT 'ins-' || i, (ARRAY['LOAN','BOND','CDS','EQUITY','FX_FORWARD','CASH'])[1 + i % 6], 'Instrument ' || i, 'USD'
  FROM generate_series(1, 500) i;
INSERT INTO run (run_id, run_type, as_of_date, status)
  SELECT 'run-' || i, 'VALUATION', DATE '2026-01-01' + i, 'COMPLETED' FROM generate_series(1, 20) i;
INSERT INTO valuation_result (valuation_result_id, run_id, instrument_id, measure, value, currency)
  SELECT 'vr-' || r || '-' || i, 'run-' || r, 'ins-' || i, 'PV', i * 1.5, 'USD'
  FROM generate_series(1, 20) r, generate_series(1, 100) i;
INSERT INTO portfolio_node (portfolio_node_id, name, node_type) VALUES ('fund-1', 'Fund', 'FUND');
INSERT INTO portfolio_node (portfolio_node_id, parent_id, name, node_type)
  SELECT 'book-' || i, 'fund-1', 'Book ' || i, 'BOOK' FROM generate_series(1, 50) i;
INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, book_value, status)
  SELECT 'pos-' || i, 'book-' || (1 + i % 50), 'ins-' || (1 + i % 500), i, 'EUR', i * 2,
         (ARRAY['ACTIVE','CLOSED','DELETED'])[1 + i % 3]
  FROM generate_series(1, 5000) i;
INSERT INTO portfolio_snapshot (snapshot_id, portfolio_node_id, as_of_date, payload_json, payload_hash)
  SELECT 'snap-' || i, 'book-' || (1 + i % 50), DATE '2026-01-01', '{}', md5(i::text) || md5(i::text)
  FROM generate_series(1, 200) i;
INSERT INTO reference_data (entity_id, entity_type, name, ticker, currency)
  SELECT 'ent-' || i, 'ISSUER', 'Issuer ' || i, 'T' || i, 'USD' FROM generate_series(1, 300) i;
INSERT INTO rating_history (rating_id, entity_id, agency, rating, as_of_date, effective_date)
  SELECT 'rat-' || i, 'ent-' || (1 + i % 300), 'SP', 'BBB', DATE '2026-01-01', DATE '2026-01-01' FROM generate_series(1, 600) i;
INSERT INTO fx_spot (pair, snapshot_id, spot_rate, as_of_date, source)
  SELECT 'EUR/USD', 'fx-' || i, 1.1, DATE '2026-01-01', 'test' FROM generate_series(1, 100) i;
INSERT INTO market_data_feed (feed_id, feed_type, as_of_date, source, payload_json, payload_hash)
  SELECT 'feed-' || i, 'FX_SPOT', DATE '2026-01-01', 'test', '{}', md5(i::text) || md5(i::text) FROM generate_series(1, 100) i;
INSERT INTO data_lineage (lineage_id, feed_type, feed_id, source_system, quality_checks_passed)
  SELECT 'lin-' || i, 'FX_SPOT', 'feed-' || i, 'test', true FROM generate_series(1, 100) i;
INSERT INTO ingestion_batch (batch_id, batch_type, status, completed_at)
  SELECT 'batch-' || i, 'MARKET_DATA', 'COMPLETED', now() FROM generate_series(1, 50) i;
`;

/** Row count and a digest of every row's text, per table; plus every sequence's position. */
async function fingerprint(url: string): Promise<Record<string, unknown>> {
  const parts = tables.map(
    (table) =>
      `SELECT '${table}' AS name, count(*)::text AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
         FROM "${table}" t`,
  );
  const rows = await execute(url, parts.join(' UNION ALL '));
  const sequences = await execute(url, 'SELECT sequencename, last_value::text FROM pg_sequences ORDER BY 1');
  return { tables: rows, sequences };
}

async function lingering(url: string): Promise<pg.QueryResultRow[]> {
  return execute(
    url,
    // Client sessions only: autovacuum may well be analysing the freshly populated tables meanwhile.
    `SELECT pid, state, backend_type FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND backend_type = 'client backend'`,
  );
}

describe('behavioural probes', () => {
  it('pass on a database full of real rows and leave no row, sequence value, lock or open transaction behind', async () => {
    await withClonedDatabase(async (url) => {
      await execute(url, populate);
      const before = await fingerprint(url);
      expect((before.tables as { rows: string }[]).every((table) => Number(table.rows) > 0)).toBe(true);

      const report = await verifySchema(url, { reapply: true });
      const probes = report.checks.filter((check) => check.category === 'probes');
      expect(probes.length).toBeGreaterThan(50);
      expect(probes.filter((check) => check.status !== 'passed')).toEqual([]);
      expect(report.conforms).toBe(true);

      expect(await fingerprint(url)).toEqual(before);
      expect(await lingering(url)).toEqual([]);
    });
  });

  it('never advance a sequence: serial and identity columns get explicit values', async () => {
    await withClonedDatabase(async (url) => {
      await execute(
        url,
        `CREATE TABLE counted (counted_id bigserial PRIMARY KEY, label text NOT NULL);
         CREATE TABLE numbered (numbered_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                counted_id bigint NOT NULL REFERENCES counted ON DELETE CASCADE);
         SELECT nextval('counted_counted_id_seq')`,
      );
      const before = await execute(url, 'SELECT sequencename, last_value::text FROM pg_sequences ORDER BY 1');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const snapshot = await readCatalog(client);
        const results = await runProbes(client, snapshot);
        const forNewTables = results.filter((check) => /counted|numbered/.test(check.id));
        expect(forNewTables.map((check) => check.id)).toEqual(
          expect.arrayContaining([
            'probes/insert/counted',
            'probes/insert/numbered',
            'probes/on-delete/numbered.numbered_counted_id_fkey',
          ]),
        );
        expect(results.filter((check) => check.status !== 'passed')).toEqual([]);
      } finally {
        await client.end();
      }
      expect(await execute(url, 'SELECT sequencename, last_value::text FROM pg_sequences ORDER BY 1')).toEqual(before);
      expect(
        await execute(url, 'SELECT (SELECT count(*) FROM counted) + (SELECT count(*) FROM numbered) AS rows'),
      ).toEqual([{ rows: '0' }]);
    });
  });

  it('skip (not fail, not hang) while another session blocks writes to a table (e.g. CREATE INDEX)', async () => {
    await withClonedDatabase(async (url) => {
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        await holder.query('BEGIN; LOCK TABLE position IN SHARE MODE');
        const report = await verifySchema(url, { lockTimeoutMs: 100 });
        const probes = report.checks.filter((check) => check.category === 'probes');
        const skipped = probes.filter((check) => check.status === 'skipped');
        expect(skipped.map((check) => check.id)).toContain('probes/insert/position');
        expect(skipped.every((check) => check.skippedReason?.includes('busy'))).toBe(true);
        expect(probes.filter((check) => check.status === 'failed')).toEqual([]);
        expect(probes.filter((check) => check.status === 'passed').length).toBeGreaterThan(0);
        expect(report.conforms).toBe(true);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    });
  });

  it('give up with CatalogUnavailableError (not hang) while a table is locked ACCESS EXCLUSIVE', async () => {
    await withClonedDatabase(async (url) => {
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        await holder.query('BEGIN; LOCK TABLE position IN ACCESS EXCLUSIVE MODE');
        await expect(verifySchema(url, { lockTimeoutMs: 100 })).rejects.toThrow(CatalogUnavailableError);
        await expect(verifySchema(url, { lockTimeoutMs: 100 })).rejects.toThrow(/lock timeout/);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    });
  });

  it('skip (not fail) for a role that may only read', async () => {
    await withClonedDatabase(async (url) => {
      const role = `conf_reader_${process.pid}_${Date.now()}`;
      await execute(
        url,
        `CREATE ROLE ${role} LOGIN PASSWORD 'reader'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`,
      );
      try {
        const readerUrl = new URL(url);
        readerUrl.username = role;
        readerUrl.password = 'reader';
        const report = await verifySchema(readerUrl.toString());
        const probes = report.checks.filter((check) => check.category === 'probes');
        expect(probes.length).toBeGreaterThan(0);
        expect(
          probes.every((check) => check.status === 'skipped' && check.skippedReason?.includes('may not write')),
        ).toBe(true);
        expect(report.conforms).toBe(true);
      } finally {
        await execute(url, `DROP OWNED BY ${role}; DROP ROLE ${role}`);
      }
    });
  });

  it('report a behaviour the catalog cannot show: a trigger that raises on delete', async () => {
    await withClonedDatabase(async (url) => {
      // The ON DELETE CASCADE of valuation_result_run_id_fkey is sabotaged by a trigger refusing the cascaded delete.
      await execute(
        url,
        `CREATE FUNCTION keep_results() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'results are kept' USING ERRCODE = '23P01'; END $$;
         CREATE TRIGGER valuation_result_keep BEFORE DELETE ON valuation_result FOR EACH ROW EXECUTE FUNCTION keep_results()`,
      );
      const report = await verifySchema(url);
      const probe = report.checks.find(
        (check) => check.id === 'probes/on-delete/valuation_result.valuation_result_run_id_fkey',
      );
      expect(probe?.status).toBe('failed');
      expect(probe?.findings[0]?.object).toBe('valuation_result_run_id_fkey');
      expect(probe?.findings[0]?.message).toContain('results are kept');
    });
  });
});

interface ScratchProbeRun {
  /** Creates the scratch tables (in schema `scratch`); their catalog becomes the manifest. */
  readonly create: string;
  /** Edits the manifest read from `create`, e.g. to declare something the database does not do. */
  readonly declare?: (manifest: SchemaSnapshot) => SchemaSnapshot;
  /** Changes the database after the manifest was read, e.g. drops a constraint the manifest has. */
  readonly mutate?: string;
}

/** Probes scratch tables in their own schema of a fresh clone, against a manifest read from them, keyed by check id. */
async function probeScratch(run: ScratchProbeRun): Promise<Map<string, CheckResult>> {
  return withClonedDatabase(async (url) => {
    await execute(url, `CREATE SCHEMA scratch; SET search_path = scratch; ${run.create}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const read = await readCatalog(client, { schema: 'scratch' });
      const manifest = run.declare ? run.declare(read) : read;
      if (run.mutate) await execute(url, `SET search_path = scratch; ${run.mutate}`);
      const results = await runProbes(client, manifest, { schema: 'scratch' });
      return new Map(results.map((result) => [result.id, result]));
    } finally {
      await client.end();
    }
  });
}

function declareOnDelete(action: 'SET NULL' | 'CASCADE') {
  return (manifest: SchemaSnapshot): SchemaSnapshot => ({
    ...manifest,
    tables: manifest.tables.map((table) => ({
      ...table,
      foreignKeys: table.foreignKeys.map((foreignKey) => ({ ...foreignKey, onDelete: action })),
    })),
  });
}

const parentAndChild = (onDelete: string) => `
  CREATE TABLE parent (parent_id text PRIMARY KEY);
  CREATE TABLE child (child_id text PRIMARY KEY,
                      parent_id text CONSTRAINT child_parent_id_fkey REFERENCES parent ON DELETE ${onDelete});
  CREATE INDEX child_parent_id_idx ON child (parent_id)`;

const enumTable = `
  CREATE TABLE item (item_id text PRIMARY KEY, status text NOT NULL,
                     CONSTRAINT item_status_check CHECK (status IN ('OPEN', 'SHUT')))`;

describe('behavioural probes on scratch tables: what each probe reports when behaviour and manifest disagree', () => {
  it('ON DELETE SET NULL: the probe passes when the key is nulled', async () => {
    const results = await probeScratch({ create: parentAndChild('SET NULL') });
    const probe = results.get('probes/on-delete/child.child_parent_id_fkey');
    expect(probe?.title).toContain('ON DELETE SET NULL');
    expect(probe?.status).toBe('passed');
    expect([...results.values()].filter((result) => result.status !== 'passed')).toEqual([]);
  });

  it('ON DELETE declared SET NULL but CASCADE in the database: a finding naming the foreign key', async () => {
    const results = await probeScratch({ create: parentAndChild('CASCADE'), declare: declareOnDelete('SET NULL') });
    const probe = results.get('probes/on-delete/child.child_parent_id_fkey');
    expect(probe?.status).toBe('failed');
    expect(probe?.findings).toEqual([
      expect.objectContaining({
        kind: 'different',
        objectType: 'foreign key',
        object: 'child_parent_id_fkey',
        table: 'child',
        property: 'behaviour',
        expected: 'child row kept with the key set to NULL',
        actual: 'child row deleted',
      }),
    ]);
    expect(probe?.findings[0]?.message).toContain(
      'ON DELETE SET NULL on child_parent_id_fkey did not behave as declared',
    );
  });

  it('ON DELETE declared CASCADE but SET NULL in the database: a finding naming the foreign key', async () => {
    const results = await probeScratch({ create: parentAndChild('SET NULL'), declare: declareOnDelete('CASCADE') });
    const probe = results.get('probes/on-delete/child.child_parent_id_fkey');
    expect(probe?.status).toBe('failed');
    expect(probe?.findings[0]).toMatchObject({ object: 'child_parent_id_fkey', actual: 'child row kept, key NULL' });
  });

  it('a dropped foreign key: the orphan probe reports the orphan row accepted', async () => {
    const results = await probeScratch({
      create: parentAndChild('RESTRICT'),
      mutate: 'ALTER TABLE child DROP CONSTRAINT child_parent_id_fkey',
    });
    const orphan = results.get('probes/orphan/child.child_parent_id_fkey');
    expect(orphan?.status).toBe('failed');
    expect(orphan?.findings).toEqual([
      expect.objectContaining({
        objectType: 'foreign key',
        object: 'child_parent_id_fkey',
        table: 'child',
        expected: 'rejected by child_parent_id_fkey (SQLSTATE 23503)',
        actual: 'accepted',
      }),
    ]);
    expect(results.get('probes/on-delete/child.child_parent_id_fkey')?.findings[0]).toMatchObject({
      object: 'child_parent_id_fkey',
      actual: 'child row kept unchanged',
    });
  });

  it('an enum CHECK whose outside value another CHECK rejects first: fails, naming the constraint that did', async () => {
    // PostgreSQL tests CHECK constraints in name order: item_status_a_length runs before item_status_check.
    const results = await probeScratch({
      create: `${enumTable}; ALTER TABLE item ADD CONSTRAINT item_status_a_length CHECK (length(status) <= 4)`,
    });
    const outside = results.get('probes/rejects-outside-value/item.item_status_check');
    expect(outside?.status).toBe('failed');
    expect(outside?.findings).toEqual([
      expect.objectContaining({
        objectType: 'check constraint',
        object: 'item_status_check',
        table: 'item',
        expected: 'rejected by item_status_check (SQLSTATE 23514)',
        actual: expect.stringContaining('SQLSTATE 23514, constraint item_status_a_length'),
      }),
    ]);
    expect(outside?.findings[0]?.message).toContain('was not rejected by item_status_check');
    expect(results.get('probes/allowed-values/item.item_status_check')?.status).toBe('passed');
  });

  it('an enum CHECK dropped: the value outside the list is accepted, and reported', async () => {
    const results = await probeScratch({
      create: enumTable,
      mutate: 'ALTER TABLE item DROP CONSTRAINT item_status_check',
    });
    const outside = results.get('probes/rejects-outside-value/item.item_status_check');
    expect(outside?.status).toBe('failed');
    expect(outside?.findings[0]).toMatchObject({ object: 'item_status_check', table: 'item', actual: 'accepted' });
    expect(outside?.findings[0]?.message).toMatch(
      /^item\.status accepted '[^']+', which is outside item_status_check's list$/,
    );
  });

  it('an allowed value the database refuses: reported, naming the value', async () => {
    const results = await probeScratch({
      create: enumTable,
      mutate: `ALTER TABLE item DROP CONSTRAINT item_status_check, ADD CONSTRAINT item_status_check CHECK (status IN ('OPEN'))`,
    });
    const allowed = results.get('probes/allowed-values/item.item_status_check');
    expect(allowed?.status).toBe('failed');
    expect(allowed?.findings).toEqual([
      expect.objectContaining({
        object: 'item_status_check',
        table: 'item',
        expected: "'SHUT' accepted",
        actual: expect.stringContaining('SQLSTATE 23514, constraint item_status_check'),
      }),
    ]);
    expect(results.get('probes/rejects-outside-value/item.item_status_check')?.status).toBe('passed');
  });
});

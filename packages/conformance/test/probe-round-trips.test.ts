import { manifestForRelease } from '@iprs/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runProbes, type CheckResult } from '../src/index.js';
import { ProbeSession } from '../src/probes/probe-session.js';
import { typedLiteral } from '../src/probes/typed-literal.js';
import { execute, withClonedDatabase } from './support/databases.js';

const bookkeeping = /^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT) \w+$/;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** runProbes on a client that records every query text it is sent (one text = one round trip). */
async function probeAndRecord(url: string): Promise<{ results: CheckResult[]; sent: string[] }> {
  return withClient(url, async (client) => {
    const sent: string[] = [];
    const recorder = new Proxy(client, {
      get: (target, property, receiver) =>
        property === 'query'
          ? (text: string, values?: unknown[]) => {
              sent.push(text);
              return target.query(text, values);
            }
          : Reflect.get(target, property, receiver),
    });
    const results = await runProbes(recorder, manifestForRelease().schema);
    return { results, sent };
  });
}

/** The statements of one round trip: the probes' texts are `;\n`-joined, the transaction's set-up `; `-joined. */
const statementsOf = (text: string) => text.split(/;\s+/);

describe('probe round trips', () => {
  const databases: Record<string, string | undefined> = {
    'a conforming database': undefined,
    'a database whose trigger refuses a cascaded delete': `CREATE FUNCTION keep_results() RETURNS trigger
       LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'results are kept' USING ERRCODE = '23P01'; END $$;
     CREATE TRIGGER valuation_result_keep BEFORE DELETE ON valuation_result
       FOR EACH ROW EXECUTE FUNCTION keep_results()`,
    'a database whose enum CHECK was dropped': 'ALTER TABLE position DROP CONSTRAINT position_status_check',
  };

  for (const [name, mutation] of Object.entries(databases)) {
    it(`savepoint bookkeeping never takes a round trip of its own, on ${name}`, async () => {
      await withClonedDatabase(async (url) => {
        if (mutation) await execute(url, mutation);
        const { results, sent } = await probeAndRecord(url);
        expect(results.filter((result) => result.status === 'skipped')).toEqual([]);
        if (mutation) expect(results.some((result) => result.status === 'failed')).toBe(true);
        const [setUp, ...probing] = sent;
        expect(setUp).toMatch(/^BEGIN .*; SAVEPOINT iprs_probe$/);
        expect(probing.at(-1)).toBe('ROLLBACK');
        // After each probe: back to the savepoint before it, with whatever bookkeeping the probe left queued.
        const isBoundary = (text: string) => statementsOf(text).at(-1) === 'ROLLBACK TO SAVEPOINT iprs_probe';
        const boundaries = probing.filter(isBoundary);
        expect(boundaries).toHaveLength(results.length);
        expect(boundaries.flatMap(statementsOf).every((statement) => bookkeeping.test(statement))).toBe(true);
        for (const text of probing.slice(0, -1).filter((trip) => !isBoundary(trip))) {
          const statements = statementsOf(text);
          // Bookkeeping first, then exactly one statement of the probe's own.
          expect(
            statements.slice(0, -1).every((statement) => bookkeeping.test(statement)),
            text,
          ).toBe(true);
          expect(statements.at(-1), text).not.toMatch(bookkeeping);
        }
        const allStatements = probing.flatMap(statementsOf).length;
        // Sent one by one, the same statements took more than twice as many round trips.
        expect(probing.length * 2).toBeLessThan(allStatements);
      });
    });
  }
});

/** `work` on a session of a cloned database inside a transaction, which is rolled back afterwards. */
async function inTransaction(work: (client: pg.Client, session: ProbeSession) => Promise<void>): Promise<void> {
  await withClonedDatabase((url) =>
    withClient(url, async (client) => {
      await client.query('BEGIN');
      try {
        await work(client, new ProbeSession(client));
      } finally {
        await client.query('ROLLBACK');
      }
    }),
  );
}

const instrumentOfType = (type: string) =>
  `INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('i-${type}', '${type}', 'n', 'USD')`;

describe('ProbeSession', () => {
  it('sends queued bookkeeping with the statement and resolves to the statement’s own result', async () => {
    await inTransaction(async (_client, session) => {
      session.later('SAVEPOINT a', 'SAVEPOINT b');
      expect((await session.query(`${instrumentOfType('BOND')}, ('i2', 'CDS', 'n', 'USD')`)).rowCount).toBe(2);
      session.later('RELEASE SAVEPOINT b');
      const read = await session.query<{ id: string }>('SELECT instrument_id AS id FROM instrument ORDER BY 1');
      expect(read.rows).toEqual([{ id: 'i-BOND' }, { id: 'i2' }]);
    });
  });

  it('rejects with the statement’s own SQLSTATE and constraint; a queued ROLLBACK TO then recovers', async () => {
    await inTransaction(async (_client, session) => {
      session.later('SAVEPOINT probe');
      await expect(session.query(instrumentOfType('NOT A TYPE'))).rejects.toMatchObject({
        code: '23514',
        constraint: 'instrument_instrument_type_check',
      });
      session.later('ROLLBACK TO SAVEPOINT probe', 'RELEASE SAVEPOINT probe');
      const count = await session.query<{ count: string }>('SELECT count(*) FROM instrument');
      expect(count.rows).toEqual([{ count: '0' }]);
    });
  });

  it('flush runs what is queued, so that a failure there is seen by the caller', async () => {
    await inTransaction(async (client, session) => {
      session.later('ROLLBACK TO SAVEPOINT never_taken');
      await expect(session.flush()).rejects.toMatchObject({ code: '3B001' });
      await client.query('ROLLBACK');
      await expect(session.flush()).resolves.toBeUndefined();
    });
  });
});

describe('typedLiteral', () => {
  const values: ReadonlyArray<[string | null, string]> = [
    ["O'Brien", 'text'],
    ['back\\slash \\x00', 'text'],
    ['$1 and $$dollars$$', 'character varying(40)'],
    ['ünïcødé ✓ 日本', 'text'],
    [null, 'integer'],
    ['-12', 'integer'],
    ['1.50', 'numeric(18,6)'],
    ['2000-01-01T00:00:00Z', 'timestamp with time zone'],
    ['\\x00ff', 'bytea'],
    ['{"a": "it\'s"}', 'jsonb'],
    ['{}', 'text[]'],
    ['true', 'boolean'],
  ];

  it('reads back exactly as the same value sent as a bind parameter, for every kind of probe value', async () => {
    await withClonedDatabase(async (url) => {
      await withClient(url, async (client) => {
        for (const [value, type] of values) {
          const literal = await client.query(`SELECT (${typedLiteral(value, type)})::text AS v`);
          const bound = await client.query(`SELECT ($1::${type})::text AS v`, [value]);
          expect(literal.rows[0], `${value} as ${type}`).toEqual(bound.rows[0]);
        }
      });
    });
  });
});

import { manifestForRelease } from '@iprs/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runProbes, type CheckResult } from '../src/index.js';
import { planProbes } from '../src/probes/plan-probes.js';
import { ProbeSession } from '../src/probes/probe-session.js';
import { ProbeTransactionLostError } from '../src/probes/probe-transaction-lost-error.js';
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
    it(`savepoint bookkeeping, going back after each probe included, never takes a round trip of its own, on ${name}`, async () => {
      await withClonedDatabase(async (url) => {
        if (mutation) await execute(url, mutation);
        const { results, sent } = await probeAndRecord(url);
        expect(results.filter((result) => result.status === 'skipped')).toEqual([]);
        if (mutation) expect(results.some((result) => result.status === 'failed')).toBe(true);
        const [setUp, ...probing] = sent;
        expect(setUp).toMatch(/^BEGIN [\s\S]*; SAVEPOINT iprs_probe$/);
        expect(probing.at(-1)).toBe('ROLLBACK');
        const trips = probing.slice(0, -1);
        for (const text of trips) {
          const statements = statementsOf(text);
          // Bookkeeping first, then exactly one statement of the probe's own: no round trip is bookkeeping alone.
          expect(
            statements.slice(0, -1).every((statement) => bookkeeping.test(statement)),
            text,
          ).toBe(true);
          expect(statements.at(-1), text).not.toMatch(bookkeeping);
        }
        // Every probe but the last goes back to the savepoint with the next probe's first statement; the final
        // ROLLBACK ends the last.
        const backToStart = trips.flatMap(statementsOf).filter((s) => s === 'ROLLBACK TO SAVEPOINT iprs_probe');
        expect(backToStart).toHaveLength(results.length - 1);
        const allStatements = trips.flatMap(statementsOf).length;
        // Sent one by one, the same statements took more than twice as many round trips.
        expect(trips.length * 2).toBeLessThan(allStatements);
      });
    });
  }
});

const chainedCall = (text: string) => text.includes('pg_temp.iprs_probe_rows(ARRAY[');

describe('a row and the parents it needs in one round trip', () => {
  it('goes through a temporary function that the probe transaction takes with it', async () => {
    await withClonedDatabase(async (url) => {
      const { results, sent } = await probeAndRecord(url);
      expect(results.every((result) => result.status === 'passed')).toBe(true);
      expect(sent[0]).toContain('CREATE FUNCTION pg_temp.iprs_probe_rows');
      expect(sent.filter(chainedCall).length).toBeGreaterThan(10);
      await withClient(url, async (client) => {
        await runProbes(client, manifestForRelease().schema);
        const left = await client.query<{ fn: string | null }>(
          "SELECT to_regprocedure('pg_temp.iprs_probe_rows(text[], text[])')::text AS fn",
        );
        expect(left.rows).toEqual([{ fn: null }]);
      });
    });
  });

  it('goes one insert at a time, with the same verdicts, for a role without the TEMP privilege', async () => {
    await withClonedDatabase(async (url) => {
      const role = `conf_no_temp_${process.pid}_${Date.now()}`;
      const database = new URL(url).pathname.slice(1);
      await execute(
        url,
        `CREATE ROLE ${role} LOGIN PASSWORD 'writer';
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
         REVOKE TEMP ON DATABASE "${database}" FROM PUBLIC`,
      );
      try {
        const writerUrl = new URL(url);
        writerUrl.username = role;
        writerUrl.password = 'writer';
        const oneByOne = await probeAndRecord(writerUrl.toString());
        const chained = await probeAndRecord(url);
        expect(oneByOne.results.map((result) => [result.id, result.status])).toEqual(
          chained.results.map((result) => [result.id, result.status]),
        );
        expect(oneByOne.results.every((result) => result.status === 'passed')).toBe(true);
        expect(oneByOne.sent.some(chainedCall)).toBe(false);
        expect(oneByOne.sent[1]).toBe('ROLLBACK');
        expect(oneByOne.sent[2]).not.toContain('CREATE FUNCTION');
        // Measured: about 245 round trips chained against 290 one by one.
        expect(chained.sent.length).toBeLessThan(oneByOne.sent.length - 30);
      } finally {
        await execute(url, `DROP OWNED BY ${role}; DROP ROLE ${role}`);
      }
    });
  });
});

/**
 * runProbes on a client whose server process is terminated (from a second connection) just before it is sent the
 * `nth` query text that `when` matches; resolves to the results and the index of the probe that query belonged to.
 */
async function probeUntilTerminated(
  url: string,
  when: (text: string) => boolean,
  nth: number,
): Promise<{ results: CheckResult[]; cutAt: number }> {
  return withClient(url, async (killer) =>
    withClient(url, async (client) => {
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      let matches = 0;
      let trips = 0;
      let cutAtTrip = -1;
      const doomed = new Proxy(client, {
        get: (target, property, receiver) =>
          property === 'query'
            ? async (text: string, values?: unknown[]) => {
                trips += 1;
                if (when(text) && ++matches === nth) {
                  cutAtTrip = trips;
                  // With a timeout it returns once the process is gone, so the query below meets a dead connection.
                  await killer.query('SELECT pg_terminate_backend($1, 10000)', [pid]);
                }
                return target.query(text, values);
              }
            : Reflect.get(target, property, receiver),
      });
      client.on('error', () => undefined); // the terminated connection reports itself; runProbes sees it in the query
      const results = await runProbes(doomed, manifestForRelease().schema);
      expect(cutAtTrip).toBeGreaterThan(0);
      const cutAt = results.findIndex((result) => result.status !== 'passed');
      return { results, cutAt };
    }),
  );
}

describe('a probe transaction lost on the way', () => {
  const lost = (result: CheckResult) => result.skippedReason?.startsWith('the probe transaction was lost: ') === true;

  for (const nth of [1, 40]) {
    it(`when going back after probe ${nth}: earlier probes keep their verdicts, that one and every later one are skipped as lost`, async () => {
      await withClonedDatabase(async (url) => {
        const { results, cutAt } = await probeUntilTerminated(
          url,
          (text) => statementsOf(text).includes('ROLLBACK TO SAVEPOINT iprs_probe'),
          nth,
        );
        expect(cutAt).toBe(nth);
        expect(results.slice(0, cutAt).every((result) => result.status === 'passed')).toBe(true);
        expect(results.slice(cutAt).every(lost)).toBe(true);
        expect(results).toHaveLength(planProbes(manifestForRelease().schema).length);
      });
    });
  }

  it('inside a probe: that probe reports what its statement met, every later one is skipped as lost', async () => {
    await withClonedDatabase(async (url) => {
      const { results, cutAt } = await probeUntilTerminated(
        url,
        (text) => statementsOf(text).at(-1)?.startsWith('SELECT ARRAY[') === true,
        3,
      );
      expect(cutAt).toBeGreaterThan(0);
      expect(results.slice(0, cutAt).every((result) => result.status === 'passed')).toBe(true);
      // Its own statement met the dead connection: reported as that probe's outcome, not as the transaction lost.
      expect(lost(results[cutAt] as CheckResult)).toBe(false);
      expect(results.slice(cutAt + 1).every(lost)).toBe(true);
    });
  });
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

  it('rejects with ProbeTransactionLostError when going back after a probe fails, with what refused it as cause', async () => {
    await inTransaction(async (_client, session) => {
      session.endProbe('ROLLBACK TO SAVEPOINT never_taken');
      const lost = await session.query('SELECT 1').catch((error: unknown) => error);
      expect(lost).toBeInstanceOf(ProbeTransactionLostError);
      expect((lost as ProbeTransactionLostError).cause).toMatchObject({ code: '3B001' });
    });
  });

  it('passes a statement’s own rejection through after going back, and other bookkeeping failures unwrapped', async () => {
    await inTransaction(async (client, session) => {
      session.later('SAVEPOINT probe');
      await session.query('SELECT 1');
      session.endProbe('ROLLBACK TO SAVEPOINT probe');
      await expect(session.query(instrumentOfType('NOT A TYPE'))).rejects.toMatchObject({ code: '23514' });
      session.endProbe('ROLLBACK TO SAVEPOINT probe');
      await expect(session.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
      // Only the bookkeeping that ends a probe is watched: queued with later(), the failure is the query's own.
      session.later('ROLLBACK TO SAVEPOINT never_taken');
      await expect(session.query('SELECT 1')).rejects.toMatchObject({ code: '3B001' });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
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

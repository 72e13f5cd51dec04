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

const trialsCall = (text: string) =>
  statementsOf(text).at(-1)?.startsWith('SELECT pg_temp.iprs_probe_trials(') === true;
const chainedCall = (text: string) => statementsOf(text).at(-1)?.startsWith('SELECT pg_temp.iprs_probe_rows(') === true;

// Behaviour a probe must see through: each is applied alone to a clone of the migrated database.
const behaviourMutations: Record<string, string> = {
  'a trigger that refuses a cascaded delete': `CREATE FUNCTION keep_results() RETURNS trigger
     LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'results are kept' USING ERRCODE = '23P01'; END $$;
   CREATE TRIGGER valuation_result_keep BEFORE DELETE ON valuation_result
     FOR EACH ROW EXECUTE FUNCTION keep_results()`,
  'an enum CHECK dropped': 'ALTER TABLE position DROP CONSTRAINT position_status_check',
  'an allowed value refused by another CHECK': `ALTER TABLE run ADD CONSTRAINT run_no_stress CHECK (run_type <> 'STRESS')`,
  'a foreign key dropped': 'ALTER TABLE position DROP CONSTRAINT position_instrument_id_fkey',
  'ON DELETE RESTRICT made CASCADE': `ALTER TABLE position DROP CONSTRAINT position_portfolio_node_id_fkey,
     ADD CONSTRAINT position_portfolio_node_id_fkey FOREIGN KEY (portfolio_node_id)
       REFERENCES portfolio_node (portfolio_node_id) ON DELETE CASCADE`,
  'a rule that swallows updates': 'CREATE RULE instrument_keep AS ON UPDATE TO instrument DO INSTEAD NOTHING',
  'a trigger that rewrites inserted values': `CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN NEW.name := upper(NEW.name) || '!'; RETURN NEW; END $$;
   CREATE TRIGGER instrument_shout BEFORE INSERT ON instrument FOR EACH ROW EXECUTE FUNCTION shout()`,
  'a trigger that keeps deleted rows': `CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RETURN NULL; END $$;
   CREATE TRIGGER fx_spot_keep BEFORE DELETE ON fx_spot FOR EACH ROW EXECUTE FUNCTION keep()`,
  'updated_at no longer maintained': 'DROP TRIGGER instrument_set_updated_at ON instrument',
};

describe('probe round trips', () => {
  for (const [name, mutation] of Object.entries({ 'a conforming database': undefined, ...behaviourMutations })) {
    it(`the probes go in one batch, and those it cannot judge one by one with their bookkeeping riding along, on ${name}`, async () => {
      await withClonedDatabase(async (url) => {
        if (mutation) await execute(url, mutation);
        const { results, sent } = await probeAndRecord(url);
        expect(results.filter((result) => result.status === 'skipped')).toEqual([]);
        if (mutation) expect(results.some((result) => result.status === 'failed')).toBe(true);
        const [setUp, batch, ...probing] = sent;
        expect(setUp).toMatch(/^BEGIN [\s\S]*; SAVEPOINT iprs_probe$/);
        expect(trialsCall(batch ?? '')).toBe(true);
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
        // Only the probes the batch could not judge run on their own, and there are few of them.
        const backToStart = trips.flatMap(statementsOf).filter((s) => s === 'ROLLBACK TO SAVEPOINT iprs_probe');
        expect(backToStart.length).toBeLessThan(results.length / 4);
        // Measured: 3 round trips on a conforming database, against about 290 one by one.
        expect(sent.length).toBeLessThan(mutation ? 40 : 10);
      });
    });
  }
});

describe('the batch and the probes one by one', () => {
  it('give every probe the same verdict and findings, on a conforming database and on each behaviour mutation', async () => {
    for (const mutation of [undefined, ...Object.values(behaviourMutations)]) {
      await withClonedDatabase(async (url) => {
        if (mutation) await execute(url, mutation);
        const batched = await probeAndRecord(url);
        const oneByOne = await withRoleWithoutTemp(url, probeAndRecord);
        expect(oneByOne.sent.some((text) => trialsCall(text) || chainedCall(text))).toBe(false);
        // Outside values are drawn at random; the rest of every finding is the same.
        const comparable = (results: CheckResult[]) =>
          JSON.parse(JSON.stringify(results).replace(/IPRS_PROBE_[0-9A-F]+|iprs-probe-[0-9a-z-]+/g, 'random'));
        expect(comparable(batched.results), mutation).toEqual(comparable(oneByOne.results));
        if (mutation) expect(batched.results.some((result) => result.status === 'failed')).toBe(true);
      });
    }
  });

  it('takes the temporary functions with the probe transaction', async () => {
    await withClonedDatabase(async (url) => {
      const { sent } = await probeAndRecord(url);
      expect(sent[0]).toContain('CREATE FUNCTION pg_temp.iprs_probe_trials');
      await withClient(url, async (client) => {
        await runProbes(client, manifestForRelease().schema);
        const left = await client.query<{ functions: string }>(
          "SELECT count(*)::text AS functions FROM pg_proc WHERE proname LIKE 'iprs_probe%'",
        );
        expect(left.rows).toEqual([{ functions: '0' }]);
      });
    });
  });
});

/** `work` as a login that may write the database's tables but not create temporary objects (so probes go one by one). */
async function withRoleWithoutTemp<T>(url: string, work: (url: string) => Promise<T>): Promise<T> {
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
    return await work(writerUrl.toString());
  } finally {
    await execute(url, `DROP OWNED BY ${role}; DROP ROLE ${role}`);
  }
}

/**
 * runProbes on a client whose server process is terminated (from a second connection) just before it is sent the
 * `nth` query text that `when` matches; resolves to the results and whether the cut happened.
 */
async function probeUntilTerminated(url: string, when: (text: string) => boolean, nth: number): Promise<CheckResult[]> {
  return withClient(url, async (killer) =>
    withClient(url, async (client) => {
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      let matches = 0;
      let cut = false;
      const doomed = new Proxy(client, {
        get: (target, property, receiver) =>
          property === 'query'
            ? async (text: string, values?: unknown[]) => {
                if (when(text) && ++matches === nth) {
                  cut = true;
                  // With a timeout it returns once the process is gone, so the query below meets a dead connection.
                  await killer.query('SELECT pg_terminate_backend($1, 10000)', [pid]);
                }
                return target.query(text, values);
              }
            : Reflect.get(target, property, receiver),
      });
      client.on('error', () => undefined); // the terminated connection reports itself; runProbes sees it in the query
      const results = await runProbes(doomed, manifestForRelease().schema);
      expect(cut).toBe(true);
      return results;
    }),
  );
}

describe('a probe transaction lost on the way', () => {
  const lost = (result: CheckResult) => result.skippedReason?.startsWith('the probe transaction was lost: ') === true;
  const probeCount = planProbes(manifestForRelease().schema).length;
  // A database where the batch leaves many probes to run on their own: no enum CHECK holds back an outside value.
  const manyAlone = `DO $$ DECLARE c record; BEGIN
     FOR c IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
               WHERE contype = 'c' AND conrelid <> 0 AND connamespace = 'public'::regnamespace AND pg_get_constraintdef(oid) LIKE '%ANY%' LOOP
       EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.t, c.conname);
     END LOOP; END $$`;

  it('in the batch: every probe is skipped as lost, none judged on what the batch never answered', async () => {
    await withClonedDatabase(async (url) => {
      const results = await probeUntilTerminated(url, trialsCall, 1);
      expect(results).toHaveLength(probeCount);
      expect(results.every(lost)).toBe(true);
    });
  });

  for (const nth of [1, 3]) {
    it(`when going back after the ${nth === 1 ? 'first' : `${nth}rd`} probe run alone: the batch's verdicts and the earlier probes' stand, that one and every later one alone are skipped as lost`, async () => {
      await withClonedDatabase(async (url) => {
        await execute(url, manyAlone);
        const passedAlone = await probeAndRecord(url);
        const results = await probeUntilTerminated(
          url,
          (text) => statementsOf(text).includes('ROLLBACK TO SAVEPOINT iprs_probe'),
          nth,
        );
        expect(results).toHaveLength(probeCount);
        const lostOnes = results.filter(lost);
        // The probes run alone after the cut are lost; every other verdict is what it is without the cut.
        expect(lostOnes.length).toBeGreaterThan(0);
        results.forEach((result, index) => {
          const uncut = passedAlone.results[index];
          if (!lost(result)) expect(result.status, result.id).toBe(uncut?.status);
        });
        expect(results.filter((result) => !lost(result) && result.status === 'failed').length).toBe(nth);
      });
    });
  }

  it('inside a probe run alone: that probe reports what its statement met, every later one alone is skipped as lost', async () => {
    await withClonedDatabase(async (url) => {
      await execute(url, manyAlone);
      const results = await probeUntilTerminated(url, (text) => !trialsCall(text) && !text.startsWith('BEGIN'), 1);
      const cutAt = results.findIndex((result) => result.status === 'skipped');
      expect(cutAt).toBeGreaterThan(-1);
      // Its own statement met the dead connection: reported as that probe's outcome, not as the transaction lost.
      expect(lost(results[cutAt] as CheckResult)).toBe(false);
      expect(results.slice(cutAt + 1).some(lost)).toBe(true);
      expect(results.slice(cutAt + 1).every((result) => lost(result) || result.status !== 'skipped')).toBe(true);
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

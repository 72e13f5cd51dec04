import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchErrorLimit } from '../../src/batches/batch-error-list.js';
import { ingestLoansFile } from '../../src/batches/ingest-loans-file.js';
import { ingestMarketDataFile } from '../../src/batches/ingest-market-data-file.js';
import { openIngestFile } from '../../src/batches/ingest-file.js';
import { ingestPositionsFile } from '../../src/batches/ingest-positions-file.js';
import type { FileBatchOptions, FileBatchResult } from '../../src/batches/run-file-batch.js';
import { createPool } from '../../src/connection/create-pool.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { createNode } from '../../src/portfolio/create-node.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
const directory = await mkdtemp(join(tmpdir(), 'iprs-ingest-faults-'));
afterAll(async () => {
  await pool.close();
  await rm(directory, { recursive: true, force: true });
});

const count = (query: string) =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM ${sql.identifier([query])}`);
const positionsLike = (prefix: string) =>
  pool.oneFirst(
    sql.type(
      z.object({ n: z.number() }),
    )`SELECT count(*)::int AS n FROM position WHERE position_id LIKE ${`${prefix}%`}`,
  );

let fileNumber = 0;
async function file(content: string | Buffer): Promise<string> {
  fileNumber += 1;
  const path = join(directory, `file-${fileNumber}`);
  await writeFile(path, content);
  return path;
}

const header = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,book_value,tags';
/** Two good rows around the bad one, so skip-bad-rows has something to write. */
const positionsFile = (prefix: string, badLine: string | Buffer) =>
  file(
    Buffer.concat([
      Buffer.from(`${header}\n${prefix}-1,BOOK-F,BOND-F,1,USD,1,\n`),
      Buffer.from(badLine),
      Buffer.from(`\n${prefix}-3,BOOK-F,BOND-F,3,USD,3,\n`),
    ]),
  );

/** What every report of a bad file must be: small, storable, with nothing a terminal would take as a control sequence. */
function expectBoundedReport(result: FileBatchResult, maxBytes = 20_000) {
  const stored = JSON.stringify(result.batch.validation_errors_json);
  expect(stored.length).toBeLessThan(maxBytes);
  expect(stored).toBe(JSON.stringify(result.errors));
  for (const error of result.errors)
    expect(`${error.column} ${error.reason}`).not.toMatch(/[\u{0}-\u{1f}\u{7f}-\u{9f}]/u);
}

/** All-or-nothing FAILED with nothing written; skip-bad-rows COMPLETED with the two good rows; both with `expected`. */
async function expectRowError(prefix: string, badLine: string | Buffer, expected: { column: string; reason: RegExp }) {
  const path = await positionsFile(prefix, badLine);
  const failed = await ingestPositionsFile(pool, { file: path });
  expect(failed.batch.status).toBe('FAILED');
  expect(failed.errors).toEqual([{ row: 3, column: expected.column, reason: expect.stringMatching(expected.reason) }]);
  expect(await positionsLike(`${prefix}-`)).toBe(0);
  expectBoundedReport(failed);
  const skipped = await ingestPositionsFile(pool, { file: path, force: true, atomicity: 'skip-bad-rows' });
  expect(skipped).toMatchObject({ rowsRead: 3, rowsWritten: 2, errorCount: 1, batch: { status: 'COMPLETED' } });
  expect(skipped.errors).toEqual(failed.errors);
  expect(await positionsLike(`${prefix}-`)).toBe(2);
  expectBoundedReport(skipped);
  return failed;
}

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'BOOK-F', name: 'Faults book', node_type: 'FUND' });
  await pool.query(
    sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('BOND-F', 'BOND', 'Bond F', 'USD')`,
  );
});

describe('characters PostgreSQL text cannot hold, and control characters', () => {
  it('a NUL in a cell is a row error naming the column, escaped in the report; the batch ends FAILED or COMPLETED', async () => {
    const result = await expectRowError('NUL', 'NUL-2,BOOK-F,BOND\0F,2,USD,2,', {
      column: 'instrument_id',
      reason: /U\+0000 \(NUL, which PostgreSQL text cannot store\) at character 5: "BOND\\u0000F"/,
    });
    expect(result.batch.completed_at).not.toBeNull();
  });

  it('an escape sequence, a bell and a C1 control are row errors, quoted escaped', async () => {
    await expectRowError('ESC', 'ESC-2,BOOK-F,BOND-F,2,USD,2,"{""desk"":""\u001b[31mred""}"', {
      column: 'tags',
      reason: /U\+001B at character 10: .*\\u001b\[31m/,
    });
    await expectRowError('BEL', 'BEL\u0007-2,BOOK-F,BOND-F,2,USD,2,', {
      column: 'position_id',
      reason: /U\+0007 at character 4/,
    });
    await expectRowError('C1', 'C1-2,BOOK-F,BOND-F,2,USD,2\u0085,', { column: 'book_value', reason: /U\+0085/ });
  });

  it('a NUL written as \\u0000 inside the tags JSON is a row error: jsonb cannot store it', async () => {
    await expectRowError('JNUL', 'JNUL-2,BOOK-F,BOND-F,2,USD,2,"{""desk"":""a\\u0000b""}"', {
      column: 'tags',
      reason: /jsonb cannot store/,
    });
  });
});

describe('deeply nested JSON in a cell', () => {
  it('is a row error, not a stack overflow', async () => {
    const depth = 100_000;
    await expectRowError('DEEP', `DEEP-2,BOOK-F,BOND-F,2,USD,2,"{""a"":${'['.repeat(depth)}${']'.repeat(depth)}}"`, {
      column: 'tags',
      reason: /^nests deeper than 64 levels$/,
    });
  });
});

describe('bytes that are not UTF-8', () => {
  it('are a row error naming the line and the byte, never stored as U+FFFD', async () => {
    const before = 'UTF-2,BOOK-F,BOND-F,2,USD,2,"{""desk"":""Z';
    const line = Buffer.concat([Buffer.from(before), Buffer.from([0xfc]), Buffer.from('rich""}"')]);
    const reason = new RegExp(
      `^invalid UTF-8 at line 3, byte ${before.length + 1} of the line \\(bytes 0xFC\\): save the file as UTF-8$`,
    );
    await expectRowError('UTF', line, { column: '', reason });
    const stored = await pool.oneFirst(
      sql.type(
        z.object({ n: z.number() }),
      )`SELECT count(*)::int AS n FROM position WHERE tags_json::text LIKE ${'%\uFFFD%'}`,
    );
    expect(stored).toBe(0);
  });

  it('a truncated sequence, an overlong encoding and a UTF-16 surrogate encoded as UTF-8 are all caught', async () => {
    await expectRowError('TRUNC', Buffer.from([...Buffer.from('TRUNC-2,BOOK-F,BOND-F,2,USD,2,'), 0xe2, 0x82]), {
      column: '',
      reason: /line 3, byte 31 of the line \(bytes 0xE2 0x82\)/,
    });
    await expectRowError(
      'OVER',
      Buffer.from([...Buffer.from('OVER-2,BOOK-F,BOND-F,'), 0xc0, 0xb1, ...Buffer.from(',USD,2,')]),
      { column: '', reason: /line 3, byte 22 of the line \(bytes 0xC0\)/ },
    );
    await expectRowError('SURR', Buffer.from([...Buffer.from('SURR-2,BOOK-F,BOND-F,2,USD,2,'), 0xed, 0xa0, 0x80]), {
      column: '',
      reason: /line 3, byte 30 of the line \(bytes 0xED\)/,
    });
  });

  it('valid multi-byte characters split across read chunks are not errors', async () => {
    const lines = [header];
    for (let index = 0; index < 6_000; index += 1)
      lines.push(`MB-${index},BOOK-F,BOND-F,1,USD,1,"{""desk"":""Zürich €${index} 😀""}"`);
    const result = await ingestPositionsFile(pool, { file: await file(`${lines.join('\n')}\n`) });
    expect(result).toMatchObject({ errorCount: 0, rowsWritten: 6_000, batch: { status: 'COMPLETED' } });
  });

  it('in the header, the file fails naming the line', async () => {
    const before = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,t';
    const result = await ingestPositionsFile(pool, {
      file: await file(
        Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from('\nX,BOOK-F,BOND-F,1,USD\n')]),
      ),
    });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors).toEqual([
      {
        row: 1,
        column: '',
        reason: `the header: invalid UTF-8 at line 1, byte ${before.length + 1} of the line (bytes 0xFF): save the file as UTF-8`,
      },
    ]);
  });
});

describe('binary garbage', () => {
  /** Deterministic bytes (a linear congruential generator), so a failure can be replayed. */
  const garbage = (length: number, seed: number) => {
    const bytes = Buffer.alloc(length);
    let state = seed;
    for (let index = 0; index < length; index += 1) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      bytes[index] = state >> 16;
    }
    return bytes;
  };

  it.each([1, 2, 3])(
    'after a good header (seed %i), in both modes, ends FAILED or COMPLETED with nothing of a failed batch',
    async (seed) => {
      const path = await file(Buffer.concat([Buffer.from(`${header}\n`), garbage(200_000, seed)]));
      for (const atomicity of ['all-or-nothing', 'skip-bad-rows'] as const) {
        const before = await count('position');
        const result = await ingestPositionsFile(pool, { file: path, atomicity, force: true });
        expect(['FAILED', 'COMPLETED']).toContain(result.batch.status);
        expect(result.batch.completed_at).not.toBeNull();
        expect(result.errorCount).toBeGreaterThan(0);
        if (result.batch.status === 'FAILED') expect(await count('position')).toBe(before);
        expectBoundedReport(result, 400_000);
      }
    },
  );

  it.each([4, 5])(
    'without quote bytes (seed %i) every garbage line is a bad row: FAILED, or COMPLETED with skip-bad-rows',
    async (seed) => {
      const bytes = garbage(200_000, seed).map((byte) => (byte === 0x22 ? 0x20 : byte));
      const path = await file(Buffer.concat([Buffer.from(`${header}\n`), bytes]));
      const lines = bytes.filter((byte) => byte === 0x0a).length + 1;
      const failed = await ingestPositionsFile(pool, { file: path });
      expect(failed.batch.status).toBe('FAILED');
      expect(failed.errors[0]).toEqual({
        row: 2,
        column: '',
        reason: expect.stringMatching(/^invalid UTF-8 at line 2, /),
      });
      expectBoundedReport(failed, 400_000);
      const skipped = await ingestPositionsFile(pool, { file: path, atomicity: 'skip-bad-rows', force: true });
      expect(skipped).toMatchObject({ rowsWritten: 0, batch: { status: 'COMPLETED' } });
      expect(skipped.rowsRead).toBeGreaterThan(lines / 2);
      expect(skipped.errorCount).toBe(skipped.rowsRead);
    },
  );

  it('as the whole file: the header is not UTF-8, the batch FAILED', async () => {
    const result = await ingestPositionsFile(pool, { file: await file(garbage(100_000, 42)) });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors).toHaveLength(1);
    expectBoundedReport(result);
  });
});

describe('huge values and many errors: the report stays bounded', () => {
  it('a 10 MB cell is quoted as its first 100 characters and its size', async () => {
    const huge = 'x'.repeat(10_000_000);
    const result = await expectRowError('HUGE', `HUGE-2,BOOK-F,${huge},2,USD,2,`, {
      column: 'instrument_id',
      reason: /^"x{100}…" \(10000000 bytes\) must be at most 200 characters$/,
    });
    expect(JSON.stringify(result.errors).length).toBeLessThan(1_000);
  });

  it('a 10 MB number is refused by its digit count, quoted cut', async () => {
    await expectRowError('HUGEN', `HUGEN-2,BOOK-F,BOND-F,${'9'.repeat(10_000_000)},USD,2,`, {
      column: 'quantity',
      reason: /^"9{100}…" \(10000000 bytes\) has 10000000 digits before the decimal point; at most 28/,
    });
  });

  it(`keeps the first ${batchErrorLimit} errors and counts the rest`, async () => {
    const lines = [header];
    for (let index = 0; index < 3_000; index += 1)
      lines.push(`MANY-${index},BOOK-F,BOND-F,not-a-number-${'z'.repeat(300)},USD,1,`);
    const path = await file(`${lines.join('\n')}\n`);
    const result = await ingestPositionsFile(pool, { file: path, atomicity: 'skip-bad-rows' });
    expect(result).toMatchObject({ errorCount: 3_000, rowsWritten: 0, batch: { status: 'COMPLETED' } });
    expect(result.errors).toHaveLength(batchErrorLimit + 1);
    expect(result.errors.at(-1)).toEqual({
      row: 0,
      column: '',
      reason: `2000 more errors were found; only the first ${batchErrorLimit} are kept`,
      omitted: 2_000,
    });
    expectBoundedReport(result, 300_000);
    const again = await ingestPositionsFile(pool, { file: path });
    expect(again).toMatchObject({ duplicate: true, errorCount: 3_000 });
    expect(again.errors).toEqual(result.errors);
  });

  it('the error that fails the file is kept even after the limit is reached', async () => {
    const lines = [header];
    for (let index = 0; index < 3_000; index += 1) lines.push(`LATE-${index},BOOK-F,BOND-F,x${'y'.repeat(200)},USD,1,`);
    lines.push('LATE-Q,BOOK-F,"BOND-F,1,USD,1,');
    const result = await ingestPositionsFile(pool, { file: await file(`${lines.join('\n')}\n`), chunk_size: 100 });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errorCount).toBeGreaterThan(batchErrorLimit);
    expect(result.errors).toHaveLength(batchErrorLimit + 2);
    expect(result.errors.slice(-2)).toEqual([
      {
        row: 3_002,
        column: '',
        reason: 'a quote opened on line 3002 is never closed: the file ends inside a quoted field',
      },
      {
        row: 0,
        column: '',
        reason: expect.stringMatching(/more errors were found/),
        omitted: result.errorCount - batchErrorLimit - 1,
      },
    ]);
  });
});

describe('decimals beyond what the column and the amount domain allow', () => {
  it.each([
    [
      'E400',
      '1e400',
      /"1e400" has 401 digits before the decimal point; at most 28 are allowed \(position\.quantity \(numeric\) and the amount domain numeric\(46,18\)\)/,
    ],
    ['EBIG', '1e99999999999999999999', /has \d{21} digits before the decimal point; at most 28/],
    ['EINF', `1e${'9'.repeat(400)}`, /has more than 10\^308 digits before the decimal point; at most 28/],
    ['ENEG', '1e-400', /has 400 digits after the decimal point; at most 18/],
    ['FRAC', '0.1234567890123456789012345', /has 25 digits after the decimal point; at most 18/],
    ['INT', '12345678901234567890123456789', /has 29 digits before the decimal point; at most 28/],
    ['NAN', 'NaN', /"NaN" must be a decimal number/],
    ['INF', 'Infinity', /"Infinity" must be a decimal number/],
  ])('quantity %s (%s) is a row error naming the limit', async (prefix, quantity, reason) => {
    await expectRowError(prefix, `${prefix}-2,BOOK-F,BOND-F,${quantity},USD,2,`, { column: 'quantity', reason });
  });

  it('at the limits, and with zeros that carry no digit, the value is taken exactly', async () => {
    const atLimit = '-1234567890123456789012345678.123456789012345678';
    const result = await ingestPositionsFile(pool, {
      file: await file(
        `${header}\nLIM-1,BOOK-F,BOND-F,${atLimit},USD,0.500000000000000000000000000000,\nLIM-2,BOOK-F,BOND-F,00001.5e-17,USD,1e27,\n`,
      ),
    });
    expect(result).toMatchObject({ errorCount: 0, batch: { status: 'COMPLETED' } });
    const stored = await pool.anyFirst(
      sql.type(
        z.object({ q: z.string() }),
      )`SELECT quantity::text || '/' || book_value::text AS q FROM position WHERE position_id LIKE 'LIM-%' ORDER BY position_id`,
    );
    expect(stored).toEqual([`${atLimit}/0.5`, '0.000000000000000015/1000000000000000000000000000']);
  });

  it('book_value and cost_basis are held to the same limits', async () => {
    await expectRowError('BV', 'BV-2,BOOK-F,BOND-F,2,USD,1e30,', {
      column: 'book_value',
      reason: /has 31 digits before the decimal point; at most 28 are allowed \(position\.book_value/,
    });
  });
});

describe('broken quoting', () => {
  it('an unclosed quote is reported on the line where it opens, in both modes, and nothing is written', async () => {
    for (const atomicity of ['all-or-nothing', 'skip-bad-rows'] as const) {
      const path = await file(
        `${header}\nQ${atomicity}-1,BOOK-F,BOND-F,1,USD,1,\nQ-2,BOOK-F,"BOND-F,2,USD,2,\nQ-3,BOOK-F,BOND-F,3,USD,3,\nQ-4,BOOK-F,BOND-F,4,USD,4,\n`,
      );
      const result = await ingestPositionsFile(pool, { file: path, atomicity });
      expect(result.batch.status).toBe('FAILED');
      expect(result.errors).toEqual([
        { row: 3, column: '', reason: 'a quote opened on line 3 is never closed: the file ends inside a quoted field' },
      ]);
      expect(await positionsLike(`Q${atomicity}`)).toBe(0);
    }
  });

  it('the line is right after a multi-line record, with CRLF line breaks and without a final line break', async () => {
    const lines = [
      header,
      'QM-1,BOOK-F,BOND-F,1,USD,1,"{""note"":""two',
      'lines""}"',
      '',
      'QM-2,BOOK-F,BOND-F,2,USD,2,',
      'QM-3,BOOK-F,BOND-F,3,USD,3,"{""open',
      'QM-4,BOOK-F,BOND-F,4,USD,4,',
    ];
    for (const lineBreak of ['\n', '\r\n']) {
      const result = await ingestPositionsFile(pool, { file: await file(lines.join(lineBreak)) });
      expect(result.errors).toEqual([
        { row: 6, column: '', reason: 'a quote opened on line 6 is never closed: the file ends inside a quoted field' },
      ]);
    }
  });
});

describe('line numbers', () => {
  it('count LF line breaks whatever csv-parse makes of CRLF, blank lines and a CR inside a field', async () => {
    const lines = [
      header,
      'LN-1,BOOK-F,BOND-F,1,USD,1,',
      '',
      'LN-2,BOOK-F,BOND-F,2,USD,2,"{""a"":""x',
      'y\rz""}"',
      'LN-3,BOOK-F,BOND-F,abc,USD,3,',
      'LN-4,BOOK-F,BOND-F,4,USD,4,',
    ];
    for (const lineBreak of ['\n', '\r\n']) {
      const result = await ingestPositionsFile(pool, { file: await file(lines.join(lineBreak)) });
      expect(result.errors).toEqual([
        { row: 5, column: 'tags', reason: 'must be a JSON object such as {"desk":"rates"}' },
        { row: 6, column: 'quantity', reason: '"abc" must be a decimal number such as 1234.56' },
      ]);
    }
  });
});

describe('files that are not regular files, or too large, are refused before any batch row is written', () => {
  const fifo = join(directory, 'a-fifo');
  const folder = join(directory, 'a-directory');
  const zeroLink = join(directory, 'zero-link');
  beforeAll(async () => {
    execFileSync('mkfifo', [fifo]);
    await mkdir(folder);
    await symlink('/dev/zero', zeroLink);
  });

  it('a file that grows after it was accepted is read only up to the size it had then', async () => {
    const path = await file('0123456789');
    const accepted = await openIngestFile(path, 1_000);
    try {
      await appendFile(path, 'x'.repeat(100_000));
      for (let pass = 0; pass < 2; pass += 1) {
        const chunks: Buffer[] = [];
        for await (const chunk of accepted.stream()) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).toString()).toBe('0123456789');
      }
    } finally {
      await accepted.close();
    }
  });

  const ingestions: ReadonlyArray<[string, (options: FileBatchOptions) => Promise<FileBatchResult>]> = [
    ['positions', (options) => ingestPositionsFile(pool, options)],
    ['loans', (options) => ingestLoansFile(pool, options)],
    ['market-data', (options) => ingestMarketDataFile(pool, options)],
  ];

  it.each(ingestions)(
    '%s: /dev/zero, a FIFO without a writer, a directory, a file over max_file_bytes',
    async (_kind, ingest) => {
      const batches = await count('ingestion_batch');
      const refusal = async (options: FileBatchOptions) => {
        const error: unknown = await ingest(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe('file');
        expect((error as Error).message.split('\n')).toHaveLength(1);
        return (error as Error).message;
      };
      expect(await refusal({ file: '/dev/zero' })).toMatch(/\/dev\/zero is a character device, not a regular file/);
      expect(await refusal({ file: fifo })).toMatch(/a-fifo is a FIFO \(named pipe\), not a regular file/);
      expect(await refusal({ file: folder })).toMatch(/a-directory is a directory, not a regular file/);
      expect(await refusal({ file: zeroLink })).toMatch(/zero-link is a character device, not a regular file/);
      const content = `${header}\n${'B,BOOK-F,BOND-F,1,USD,1,\n'.repeat(10)}`;
      const big = await file(content);
      expect(await refusal({ file: big, max_file_bytes: 100 })).toContain(
        `is ${Buffer.byteLength(content)} bytes, over the limit of 100 bytes`,
      );
      expect(await count('ingestion_batch')).toBe(batches);
    },
  );
});

describe('loans and market data: the same class', () => {
  const loanHeader = 'loan_id,name,currency,portfolio_node_id,position_id,outstanding_principal,coupon_rate';

  it('a loans file with NUL, invalid UTF-8, 1e400 and 25 fractional digits: row errors, nothing written', async () => {
    const instruments = await count('instrument');
    const path = await file(
      Buffer.concat([
        Buffer.from(`${loanHeader}\nLF-1,Good,USD,BOOK-F,LFP-1,100,\nLF-2,Nul\0name,USD,BOOK-F,LFP-2,100,\nLF-3,Bad `),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(
          `,USD,BOOK-F,LFP-3,100,\nLF-4,Huge,USD,BOOK-F,LFP-4,1e400,\nLF-5,Fine,USD,BOOK-F,LFP-5,100,0.1234567890123456789012345\n`,
        ),
      ]),
    );
    const result = await ingestLoansFile(pool, { file: path });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors).toEqual([
      { row: 3, column: 'name', reason: expect.stringContaining('U+0000') },
      {
        row: 4,
        column: '',
        reason: expect.stringMatching(/^invalid UTF-8 at line 4, byte 10 of the line \(bytes 0xC3\)/),
      },
      {
        row: 5,
        column: 'outstanding_principal',
        reason: expect.stringMatching(
          /has 401 digits before the decimal point; at most 28 are allowed \(position\.quantity/,
        ),
      },
      {
        row: 6,
        column: 'coupon_rate',
        reason: expect.stringMatching(
          /has 25 digits after the decimal point; at most 18 are allowed \(the amount domain numeric\(46,18\)\)/,
        ),
      },
    ]);
    expect(await count('instrument')).toBe(instruments);
    expect(await positionsLike('LFP-')).toBe(0);
    expectBoundedReport(result);
  });

  it('market data: a \\u0000 in a payload and an FX rate past the limits are item errors; bytes that are not UTF-8 and 200 000 nested arrays fail the file', async () => {
    const feed = (snapshot: string, source: string) => ({
      feed_type: 'FX_SPOT',
      as_of_date: '2026-05-04',
      source,
      payload: { snapshot_id: snapshot, quotes: [{ pair: 'EUR/USD', rate: '1.1' }] },
    });
    const nul = await ingestMarketDataFile(pool, {
      file: await file(JSON.stringify({ feeds: [feed('FX-OK', 'ecb'), feed('FX-NUL', 'e\u0000cb')] })),
    });
    expect(nul.batch.status).toBe('FAILED');
    expect(nul.errors).toEqual([{ row: 2, column: 'source', reason: expect.stringContaining('cannot store') }]);
    expectBoundedReport(nul);
    const rates = {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-05-04',
      source: 'ecb',
      payload: {
        quotes: [
          { pair: 'EUR/USD', rate: '1e400' },
          { pair: 'GBP/USD', rate: '1.2345678901234567890123' },
        ],
      },
    };
    const tooLong = await ingestMarketDataFile(pool, { file: await file(JSON.stringify({ feeds: [rates] })) });
    expect(tooLong.batch.status).toBe('FAILED');
    expect(tooLong.errors).toEqual([
      {
        row: 1,
        column: 'payload.quotes.0.rate',
        reason:
          '"1e400" has 401 digits before the decimal point; at most 28 are allowed (fx_spot.spot_rate (numeric) and the amount domain numeric(46,18))',
      },
      {
        row: 1,
        column: 'payload.quotes.1.rate',
        reason: expect.stringMatching(/has 22 digits after the decimal point; at most 18/),
      },
    ]);
    const depth = 200_000;
    const deep = `{"feeds":[{"feed_type":"FX_SPOT","as_of_date":"2026-05-04","source":"ecb","payload":{"quotes":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`;
    const nested = await ingestMarketDataFile(pool, { file: await file(deep) });
    expect(nested.batch.status).toBe('FAILED');
    expect(nested.errors).toEqual([
      { row: 0, column: '', reason: 'nested deeper than 64 levels: no market-data file needs that' },
    ]);
    const text = Buffer.from(JSON.stringify({ feeds: [feed('FX-UTF', 'ecb')] }, null, 2));
    const at = text.indexOf('"feed_type"') + 3;
    const broken = Buffer.concat([text.subarray(0, at), Buffer.from([0xa9]), text.subarray(at)]);
    const invalid = await ingestMarketDataFile(pool, { file: await file(broken) });
    expect(invalid.batch.status).toBe('FAILED');
    expect(invalid.errors).toEqual([
      {
        row: 0,
        column: '',
        reason: 'invalid UTF-8 at line 4, byte 10 of the line (bytes 0xA9): save the file as UTF-8',
      },
    ]);
    expect(await count('fx_spot')).toBe(0);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode, createPool, sql } from '@iprs/sdk';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/run.js';

const databaseUrl = await useMigratedDatabase();
const pool = await createPool({ connectionString: databaseUrl });
const directory = await mkdtemp(join(tmpdir(), 'iprs-cli-ingest-faults-'));
afterAll(async () => {
  await pool.close();
  await rm(directory, { recursive: true, force: true });
});

/** Runs the CLI in-process and returns its exit code and what it printed. */
async function iprs(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    process.exitCode = undefined;
    const code = await run(['node', 'iprs', ...args, '--database-url', databaseUrl]);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

const batchCount = async () => Number(await pool.oneFirst(sql.unsafe`SELECT count(*) FROM ingestion_batch`));
const header = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,book_value';
let fileNumber = 0;
async function file(content: string | Buffer): Promise<string> {
  fileNumber += 1;
  const path = join(directory, `file-${fileNumber}.csv`);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'CF', name: 'Fund', node_type: 'FUND' });
  await pool.query(
    sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('CB', 'BOND', 'Bond', 'USD')`,
  );
});

describe('iprs ingest refuses what is not a regular file, or too large, in one line (exit 2), before any batch', () => {
  it.each(['positions', 'loans', 'market-data'])(
    '%s: /dev/zero, a FIFO, a directory, --max-file-size',
    async (kind) => {
      const fifo = join(directory, `fifo-${kind}`);
      execFileSync('mkfifo', [fifo]);
      const folder = join(directory, `folder-${kind}`);
      await mkdir(folder);
      const before = await batchCount();
      const refusals = [
        [['/dev/zero'], /\/dev\/zero is a character device, not a regular file/],
        [[fifo], /is a FIFO \(named pipe\), not a regular file/],
        [[folder], /is a directory, not a regular file/],
        [[await file(`${header}\nP,CF,CB,1,USD,1\n`), '--max-file-size', '10'], /bytes, over the limit of 10 bytes/],
      ] as const;
      for (const [args, message] of refusals) {
        const result = await iprs('ingest', kind, ...args);
        expect(result.code).toBe(2);
        expect(result.out).toBe('');
        expect(result.err.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
      }
      expect(await batchCount()).toBe(before);
    },
  );

  it('the file is refused before the database is resolved: an unreachable server is not even tried', async () => {
    let err = '';
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    try {
      const code = await run([
        'node',
        'iprs',
        'ingest',
        'positions',
        '/dev/zero',
        '--database-url',
        'postgres://nobody@127.0.0.1:1/none',
      ]);
      expect(code).toBe(2);
    } finally {
      stderr.mockRestore();
      process.exitCode = undefined;
    }
    expect(err).toBe(
      'iprs: Invalid file ingestion: file: /dev/zero is a character device, not a regular file: only regular files can be ingested\n',
    );
  });

  it('--max-file-size takes units, and refuses what is not a size', async () => {
    const path = await file(`${header}\nSIZE-1,CF,CB,1,USD,1\n`);
    expect((await iprs('ingest', 'positions', path, '--max-file-size', '1KB')).code).toBe(0);
    const bad = await iprs('ingest', 'positions', path, '--max-file-size', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('expected a size such as 500000, 200MB or 5GB');
  });
});

describe('iprs ingest prints a bounded, escaped report', () => {
  it('a 10 MB cell is printed as its first 100 characters and its size', async () => {
    const result = await iprs(
      'ingest',
      'positions',
      await file(`${header}\nHUGE-1,CF,${'y'.repeat(10_000_000)},1,USD,1\n`),
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(`"${'y'.repeat(100)}…" (10000000 bytes) must be at most 200 characters`);
    expect(result.out.length).toBeLessThan(2_000);
  });

  it('NUL and terminal escape sequences from the file are printed escaped', async () => {
    const result = await iprs(
      'ingest',
      'positions',
      await file(`${header}\nNUL\0-1,CF,CB,1,USD,1\nESC-2,CF,C\u001b[2JB,1,USD,1\n`),
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /2\s+position_id\s+holds the control character U\+0000 \(NUL, which PostgreSQL text cannot store\) at character 4: "NUL\\u0000-1"/,
    );
    expect(result.out).toMatch(
      /3\s+instrument_id\s+holds the control character U\+001B at character 2: "C\\u001b\[2JB"/,
    );
    expect(result.out).not.toMatch(/[\u{0}\u{1b}]/u);
  });

  it('1e400 and 25 fractional digits are bad rows naming the limit; with --skip-bad-rows the rest is written', async () => {
    const path = await file(
      `${header}\nDEC-1,CF,CB,1e400,USD,1\nDEC-2,CF,CB,1,USD,0.1234567890123456789012345\nDEC-3,CF,CB,3,USD,3\n`,
    );
    const failed = await iprs('ingest', 'positions', path);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(
      /2\s+quantity\s+"1e400" has 401 digits before the decimal point; at most 28 are allowed/,
    );
    expect(failed.out).toMatch(
      /3\s+book_value\s+"0.1234567890123456789012345" has 25 digits after the decimal point; at most 18 are allowed/,
    );
    const skipped = await iprs('ingest', 'positions', path, '--skip-bad-rows', '--force');
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/POSITION_UPLOAD COMPLETED: 3 rows read, 1 written, 2 errors/);
  });

  it('thousands of bad rows: 20 are printed, and the count of all of them', async () => {
    const lines = [header];
    for (let index = 0; index < 2_500; index += 1) lines.push(`MANY-${index},CF,CB,abc,USD,1`);
    const result = await iprs('ingest', 'positions', await file(`${lines.join('\n')}\n`), '--skip-bad-rows');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/COMPLETED: 2500 rows read, 0 written, 2500 errors/);
    expect(result.out).toContain(
      '… and 2480 more (ingestion_batch.validation_errors_json keeps the first 1000 of 2500)',
    );
    expect(result.out.split('\n').length).toBeLessThan(30);
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LEDGER_TABLE, type MigrateResult, migrate, migrations } from '../src/index.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const run = promisify(execFile);
const runnerScript = fileURLToPath(new URL('fixtures/migrate-once.mjs', import.meta.url));
const builtPackage = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const runnerCount = 5;

async function expectEachMigrationAppliedOnce(url: string, results: readonly MigrateResult[], runners: string[]) {
  const versions = migrations.map((migration) => migration.version);
  const appliedBy = results.flatMap((result, index) =>
    result.applied.map((applied) => ({ version: applied.version, runner: runners[index] })),
  );
  expect(appliedBy.map((entry) => entry.version).sort()).toEqual(versions);
  for (const result of results) {
    // Each runner saw every migration: applied by itself, or already applied when it got the lock.
    expect([...result.applied.map((applied) => applied.version), ...result.alreadyApplied].sort()).toEqual(versions);
  }
  const ledger = await queryRows<{ version: string; applied_by: string }>(
    url,
    `SELECT version, applied_by FROM ${LEDGER_TABLE} ORDER BY version`,
  );
  expect(ledger.map((row) => ({ version: row.version, runner: row.applied_by }))).toEqual(
    [...appliedBy].sort((a, b) => a.version.localeCompare(b.version)),
  );
}

describe(`${runnerCount} runners started at once on one empty database`, () => {
  it('as separate processes: all exit 0 and each migration is applied exactly once', async () => {
    expect(existsSync(builtPackage), 'build @iprs/schema first: the runner processes import dist/').toBe(true);
    const url = await createEmptyDatabase();
    const runners = Array.from({ length: runnerCount }, (_, index) => `process-${index + 1}`);

    const outputs = await Promise.all(
      runners.map((runner) => run(process.execPath, [runnerScript, url, runner], { timeout: 60_000 })),
    );

    const results = outputs.map((output) => JSON.parse(output.stdout) as MigrateResult);
    await expectEachMigrationAppliedOnce(url, results, runners);
  });

  it('as concurrent calls on separate connections in one process: same guarantee', async () => {
    const url = await createEmptyDatabase();
    const runners = Array.from({ length: runnerCount }, (_, index) => `connection-${index + 1}`);

    const results = await Promise.all(runners.map((runner) => migrate(url, { appliedBy: runner })));

    await expectEachMigrationAppliedOnce(url, results, runners);
  });
});

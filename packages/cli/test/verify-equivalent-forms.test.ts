import { useMigratedDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';

const cwd = process.cwd();

// The built CLI must load conformance's expression parser (WebAssembly) when a definition is spelled differently.
describe('iprs verify judges meaning, not spelling', async () => {
  const databaseUrl = await useMigratedDatabase();

  test('a default and an enum CHECK respelled conform; a changed value set does not', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`ALTER TABLE run ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP;
        ALTER TABLE run DROP CONSTRAINT run_status_check,
          ADD CONSTRAINT run_status_check CHECK (status = 'FAILED' OR status = 'PENDING' OR status = 'COMPLETED' OR status = 'RUNNING')`);
      const same = await runIprs(['verify', '--strict', '--no-probes', '--database-url', databaseUrl], { cwd });
      expect(same.exitCode, same.stderr + same.stdout).toBe(0);

      await client.query(`ALTER TABLE run DROP CONSTRAINT run_status_check,
        ADD CONSTRAINT run_status_check CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED'))`);
      const changed = await runIprs(['verify', '--no-probes', '--database-url', databaseUrl], { cwd });
      expect(changed.exitCode, changed.stderr).toBe(1);
      expect(changed.stdout).toContain("no longer allows 'FAILED'");
    } finally {
      await client.end();
    }
  });
});

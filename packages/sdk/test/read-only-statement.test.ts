import { describe, expect, it } from 'vitest';
import { isReadOnlyStatement } from '../src/connection/read-only-statement.js';

describe('isReadOnlyStatement (what a pool with replicas may send to a standby)', () => {
  it('accepts plain reads', () => {
    for (const text of [
      'SELECT * FROM position WHERE node_id = $1',
      '  -- comment\n/* block */ select count(*) from instrument',
      'WITH RECURSIVE subtree AS (SELECT node_id FROM portfolio_node) SELECT * FROM subtree',
      'VALUES (1), (2)',
      'TABLE instrument',
      'SHOW server_version',
      'SELECT updated_at, last_update_by FROM instrument',
    ]) {
      expect(isReadOnlyStatement(text), text).toBe(true);
    }
  });

  it('sends to the primary anything that writes, locks rows, uses a sequence or changes the session', () => {
    for (const text of [
      'INSERT INTO instrument VALUES ($1)',
      'UPDATE position SET quantity = 1',
      'DELETE FROM position',
      'WITH moved AS (DELETE FROM a RETURNING *) SELECT * FROM moved',
      'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x',
      'SELECT * INTO new_table FROM instrument',
      'SELECT * FROM position WHERE id = 1 FOR UPDATE',
      'SELECT * FROM position FOR NO KEY UPDATE',
      'SELECT * FROM position FOR SHARE',
      'SELECT * FROM position FOR KEY SHARE',
      "SELECT nextval('batch_seq')",
      "SELECT setval('batch_seq', 1)",
      'SELECT pg_advisory_xact_lock(42)',
      "SELECT pg_notify('c', 'x')",
      "SELECT set_config('search_path', 'x', false)",
      'SELECT * FROM pg_temp.scratch',
      'BEGIN',
      'SET search_path = x',
      'MERGE INTO t USING s ON true WHEN MATCHED THEN DO NOTHING',
      'CALL refresh()',
    ]) {
      expect(isReadOnlyStatement(text), text).toBe(false);
    }
  });
});

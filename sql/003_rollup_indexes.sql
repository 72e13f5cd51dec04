-- iprs schema release 003 — indexes for multi-currency rollups.
--
-- Same rules as releases 001 and 002: guarded (IF NOT EXISTS), so `psql -f` twice succeeds and changes nothing.
-- No table or column changes: release 003 only makes the SDK's rollup query fast.

BEGIN;

-- Rollups total the ACTIVE positions of a subtree per node and base currency, then convert each currency once:
--   SELECT portfolio_node_id, base_ccy, sum(book_value), count(*), count(book_value)
--   FROM position WHERE status = 'ACTIVE' AND portfolio_node_id IN (<subtree>) GROUP BY 1, 2
-- This partial covering index answers that by an index-only scan, already ordered for the grouping: closed and
-- soft-deleted positions are not in it, and book_value rides along in INCLUDE so the heap is never visited (once the
-- visibility map is set, i.e. after (auto)vacuum). Measured at 1M positions / 11k nodes: see packages/sdk/README.md.
CREATE INDEX IF NOT EXISTS position_portfolio_node_id_base_ccy_active_idx
  ON position (portfolio_node_id, base_ccy) INCLUDE (book_value)
  WHERE status = 'ACTIVE';

COMMIT;

import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NODE_TYPES } from '../schemas/enums.js';

export const rollupNodeSchema = z.object({
  portfolio_node_id: z.string(),
  parent_id: z.string().nullable(),
  name: z.string(),
  node_type: z.enum(NODE_TYPES),
  depth: z.number().int(),
});
export type RollupNodeRow = z.infer<typeof rollupNodeSchema>;

export const nodeCurrencySumSchema = z.object({
  portfolio_node_id: z.string(),
  base_ccy: z.string(),
  book_value: z.string().nullable(),
  position_count: z.number().int(),
  valued_count: z.number().int(),
});
export type NodeCurrencySum = z.infer<typeof nodeCurrencySumSchema>;

const subtreeOf = (rootId: string | null) =>
  rootId === null
    ? sql.fragment`
        WITH RECURSIVE subtree AS (
          SELECT portfolio_node_id, 0 AS depth FROM portfolio_node WHERE parent_id IS NULL
          UNION ALL
          SELECT c.portfolio_node_id, s.depth + 1 FROM portfolio_node c JOIN subtree s ON c.parent_id = s.portfolio_node_id
        )`
    : sql.fragment`
        WITH RECURSIVE subtree AS (
          SELECT portfolio_node_id, 0 AS depth FROM portfolio_node WHERE portfolio_node_id = ${rootId}
          UNION ALL
          SELECT c.portfolio_node_id, s.depth + 1 FROM portfolio_node c JOIN subtree s ON c.parent_id = s.portfolio_node_id
        )`;

/** The nodes of a subtree (or of the whole forest when `rootId` is null) with their depth, parents first. */
export const fetchRollupNodes = (connection: DatabaseConnection, rootId: string | null) =>
  connection.any(sql.type(rollupNodeSchema)`
    ${subtreeOf(rootId)}
    SELECT n.portfolio_node_id, n.parent_id, n.name, n.node_type, s.depth
    FROM subtree s JOIN portfolio_node n USING (portfolio_node_id)
    ORDER BY s.depth, n.portfolio_node_id
  `);

/**
 * Per node and base currency: the sum of book_value of ACTIVE positions. This is the only pass over positions. The
 * subtree's node ids are collected into one array first, so PostgreSQL probes the partial covering index
 * position_portfolio_node_id_base_ccy_active_idx (sql/003) with `= ANY(array)` in index order: an index-only scan feeding
 * a streaming GroupAggregate, with no heap visits and no hash table. (Joining the recursive CTE instead makes the planner
 * guess the subtree size and pick 11k separate index probes plus a hash aggregate — 40 % slower at 1M positions.)
 * Conversion happens afterwards on these few sums, never per position.
 */
export const fetchNodeCurrencySums = (connection: DatabaseConnection, rootId: string | null) =>
  rootId === null
    ? connection.any(sql.type(nodeCurrencySumSchema)`
        SELECT portfolio_node_id, base_ccy, sum(book_value)::text AS book_value,
               count(*)::int AS position_count, count(book_value)::int AS valued_count
        FROM position WHERE status = 'ACTIVE'
        GROUP BY portfolio_node_id, base_ccy
      `)
    : connection.any(sql.type(nodeCurrencySumSchema)`
        SELECT portfolio_node_id, base_ccy, sum(book_value)::text AS book_value,
               count(*)::int AS position_count, count(book_value)::int AS valued_count
        FROM position
        WHERE status = 'ACTIVE'
          AND portfolio_node_id = ANY((${subtreeOf(rootId)} SELECT array_agg(portfolio_node_id) FROM subtree)::text[])
        GROUP BY portfolio_node_id, base_ccy
      `);

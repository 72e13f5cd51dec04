import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { PositionRow } from '../schemas/position.js';
import { normalizeDecimal } from '../types/decimal.js';

export interface SnapshotPayload {
  readonly portfolio_node_id: string;
  readonly as_of_date: string;
  readonly positions: readonly {
    readonly position_id: string;
    readonly portfolio_node_id: string;
    readonly instrument_id: string;
    readonly quantity: string;
    readonly base_ccy: string;
    readonly cost_basis: string | null;
    readonly book_value: string | null;
    readonly tags: Record<string, unknown>;
  }[];
}

/**
 * The content a snapshot is identified by: the node, the as-of date and the ACTIVE positions of the subtree, sorted by
 * position_id, decimals as normalised strings (`'1.50'` and `'1.5'` are the same holding). Volatile fields — created_at,
 * updated_at, and status (always ACTIVE here) — are left out. The date is part of the content so that holdings which
 * return to an earlier state (A, B, A) are recorded again for the later day rather than resolving to the old row.
 */
export const buildSnapshotPayload = (
  portfolioNodeId: string,
  asOfDate: string,
  positions: readonly PositionRow[],
): SnapshotPayload => ({
  portfolio_node_id: portfolioNodeId,
  as_of_date: asOfDate,
  positions: [...positions]
    .sort((a, b) => (a.position_id < b.position_id ? -1 : a.position_id > b.position_id ? 1 : 0))
    .map((position) => ({
      position_id: position.position_id,
      portfolio_node_id: position.portfolio_node_id,
      instrument_id: position.instrument_id,
      quantity: normalizeDecimal(position.quantity),
      base_ccy: position.base_ccy,
      cost_basis: position.cost_basis === null ? null : normalizeDecimal(position.cost_basis),
      book_value: position.book_value === null ? null : normalizeDecimal(position.book_value),
      tags: position.tags_json,
    })),
});

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value. */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Value has no JSON representation');
  return text;
};

/** SHA-256 (lower-case hex) of the RFC 8785 canonical JSON text. */
export const payloadHash = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

import { describe, expect, it } from 'vitest';
import { copyTextLine } from '@iprs/sdk/internal';
import { currencies } from '../src/dataset/currencies.js';
import { fullDataset, withPositionCount, type DatasetSpec } from '../src/dataset/dataset-spec.js';
import { generateFxSpots, latestFxSnapshotId } from '../src/dataset/generate-fx-spots.js';
import { generateInstruments } from '../src/dataset/generate-instruments.js';
import { generateNodes, nodeCount } from '../src/dataset/generate-nodes.js';
import { generatePositions } from '../src/dataset/generate-positions.js';

const small: DatasetSpec = { seed: 7, instrumentCount: 1_000, fanOut: 3, positionCount: 8_100, fxSnapshotCount: 2 };

describe('the portfolio hierarchy', () => {
  it('has 11,110 nodes for the issue dataset, parents before children, one node type per level', () => {
    const nodes = [...generateNodes(fullDataset)];
    expect(nodes).toHaveLength(11_110);
    expect(nodeCount(fullDataset)).toBe(11_110);
    const seen = new Set<string>();
    for (const node of nodes) {
      if (node.parentId !== null) expect(seen.has(node.parentId)).toBe(true);
      seen.add(node.nodeId);
    }
    const count = (type: string) => nodes.filter((node) => node.nodeType === type).length;
    expect(['FUND', 'DESK', 'BOOK', 'STRATEGY'].map(count)).toEqual([10, 100, 1_000, 10_000]);
  });
});

describe('positions', () => {
  it('are the same rows for the same seed and different rows for another seed', () => {
    const first = [...generatePositions(small)];
    expect([...generatePositions(small)]).toEqual(first);
    expect([...generatePositions({ ...small, seed: 8 })]).not.toEqual(first);
  });

  it('use every id once, arrive shuffled, and spread evenly over the strategies', () => {
    const rows = [...generatePositions(small)];
    const ids = rows.map((row) => row.positionId);
    expect(new Set(ids).size).toBe(small.positionCount);
    expect(ids).not.toEqual([...ids].sort());
    const perNode = new Map<string, number>();
    for (const row of rows) perNode.set(row.nodeId, (perNode.get(row.nodeId) ?? 0) + 1);
    expect(perNode.size).toBe(81);
    expect(new Set(perNode.values())).toEqual(new Set([100]));
  });

  it('take their base currency from their instrument and are mostly, not all, ACTIVE', () => {
    const currencyOf = new Map(
      [...generateInstruments(small)].map((instrument) => [instrument.instrumentId, instrument.currency]),
    );
    const rows = [...generatePositions(small)];
    for (const row of rows) expect(row.baseCcy).toBe(currencyOf.get(row.instrumentId));
    const active = rows.filter((row) => row.status === 'ACTIVE').length / rows.length;
    expect(active).toBeGreaterThan(0.93);
    expect(active).toBeLessThan(0.97);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['ACTIVE', 'CLOSED', 'DELETED']));
  });

  it('carry exact decimal strings, never floats in exponent form', () => {
    for (const row of generatePositions(withPositionCount(small, 500))) {
      expect(row.quantity).toMatch(/^-?\d+\.\d{4}$/);
      expect(row.bookValue).toMatch(/^-?\d+\.\d{2}$/);
    }
  });
});

describe('FX snapshots', () => {
  it('quote every non-USD currency against USD in each snapshot, with positive 8-decimal rates', () => {
    const spots = [...generateFxSpots(small)];
    expect(spots).toHaveLength(small.fxSnapshotCount * (currencies.length - 1));
    const latest = spots.filter((spot) => spot.snapshotId === latestFxSnapshotId(small));
    expect(latest.map((spot) => spot.pair).sort()).toEqual(
      currencies
        .filter((c) => c !== 'USD')
        .map((c) => `${c}/USD`)
        .sort(),
    );
    for (const spot of spots) expect(spot.spotRate).toMatch(/^[0-9]+\.\d{8}$/);
    expect(spots.every((spot) => Number(spot.spotRate) > 0)).toBe(true);
  });
});

describe('COPY text lines', () => {
  it('escape backslashes, tabs and newlines and write NULL as \\N', () => {
    expect(copyTextLine(['a\tb', null, 'c\\d\ne'])).toBe('a\\tb\t\\N\tc\\\\d\\ne\n');
  });
});

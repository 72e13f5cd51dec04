import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePositionInput } from '../src/schemas/parse-position-input.js';
import { positionInputSchema } from '../src/schemas/position.js';

/** A small deterministic generator (mulberry32), so a failure names a case that can be run again. */
const seeded = (seed: number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

// Values each field is given: valid ones as bulk loads send them, and every way the schema refuses or rewrites one.
const ids = [
  'P-1',
  'FUND-GLOBAL-CREDIT',
  'x',
  'a b',
  ' lead',
  'trail ',
  '',
  'x'.repeat(200),
  'x'.repeat(201),
  'a\nb',
  'é€',
  7,
  null,
  undefined,
];
const decimals = [
  '0',
  '-0',
  '1.50',
  '007.2500',
  '-12.75',
  '1234567890123456789012345678.123456789012345678',
  '12345678901234567890123456789',
  '0.1234567890123456789',
  ' 1.5',
  '1.5 ',
  '+1',
  '1.',
  '.5',
  '1e3',
  '-1E-2',
  'abc',
  '',
  '1,5',
  '--1',
  1.5,
  0.1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  10n,
  null,
  undefined,
  {},
];
const currencies = ['EUR', 'USD', 'JPY', 'eur', 'EU', 'EURO', 'XXX', 'ABC', 'XTS', ' EUR', 840, null, undefined];
const statuses = ['ACTIVE', 'CLOSED', 'DELETED', 'active', 'OPEN', '', null, undefined];
const tags = [
  undefined,
  {},
  { desk: 'rates', n: 1, nested: { list: [1, 'a', null, true] } },
  [],
  'x',
  null,
  { bad: undefined },
  { f: () => 1 },
];

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
/** Mostly one of the first `valid` values, so that whole rows are often valid and each field is often the one wrong. */
const field = <T>(random: () => number, values: readonly T[], valid: number): T =>
  random() < 0.85 ? pick(random, values.slice(0, valid)) : pick(random, values);

const generatedInput = (random: () => number): unknown => {
  const input: Record<string, unknown> = {
    position_id: field(random, ids, 3),
    portfolio_node_id: field(random, ids, 3),
    instrument_id: field(random, ids, 3),
    quantity: field(random, decimals, 6),
    base_ccy: field(random, currencies, 3),
    cost_basis: field(random, decimals, 6),
    book_value: field(random, decimals, 6),
    tags_json: field(random, tags, 3),
    status: field(random, statuses, 3),
  };
  // Keys left out rather than undefined, keys the schema does not know, and inputs that are not plain objects.
  for (const key of Object.keys(input)) if (random() < 0.03) delete input[key];
  if (random() < 0.03) input.extra = 'x';
  if (random() < 0.01) return [input];
  if (random() < 0.01) return Object.assign(Object.create({ inherited: 1 }) as object, input);
  return input;
};

/** A row as bulk loads and ingests send it. */
const commonRow = (index: number) => ({
  position_id: `POS-${String(index).padStart(7, '0')}`,
  portfolio_node_id: `F${index % 10}-D1-B2-S3`,
  instrument_id: `INS-${index % 1000}`,
  quantity: `${index}.${index % 10_000}`,
  base_ccy: index % 2 === 0 ? 'EUR' : 'USD',
  cost_basis: index % 3 === 0 ? null : `${index}.25`,
  book_value: `-${index}.75`,
  ...(index % 4 === 0 ? {} : { status: 'ACTIVE' }),
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parsePositionInput gives what positionInputSchema.safeParse gives', () => {
  it('for 20 000 generated inputs, valid and invalid, field by field', () => {
    const random = seeded(20_260_601);
    let accepted = 0;
    for (let index = 0; index < 20_000; index += 1) {
      const input = generatedInput(random);
      const fast = parsePositionInput(input);
      const schema = positionInputSchema.safeParse(input);
      const context = JSON.stringify(input, (_key, value: unknown) =>
        typeof value === 'bigint' ? `${value}n` : value === undefined ? '(undefined)' : value,
      );
      expect(fast.success, context).toBe(schema.success);
      if (fast.success && schema.success) {
        accepted += 1;
        const generatedId = (input as { position_id?: unknown }).position_id === undefined;
        if (generatedId) expect(fast.data.position_id).toMatch(/^[0-9a-f-]{36}$/u);
        expect({ ...fast.data, ...(generatedId ? { position_id: '' } : {}) }, context).toEqual({
          ...schema.data,
          ...(generatedId ? { position_id: '' } : {}),
        });
      } else {
        expect(fast.error?.issues, context).toEqual(schema.error?.issues);
      }
    }
    // Enough of both outcomes for the comparison to mean something.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(18_000);
  });

  it('rows of ids, ISO currencies and plain decimal strings do not go through the schema', () => {
    const schemaParse = vi.spyOn(positionInputSchema, 'safeParse');
    for (let index = 0; index < 1_000; index += 1) {
      const parsed = parsePositionInput(commonRow(index));
      expect(parsed.success).toBe(true);
    }
    expect(parsePositionInput({ ...commonRow(3), quantity: '1.500' }).data?.quantity).toBe('1.5');
    expect(schemaParse).not.toHaveBeenCalled();
    expect(parsePositionInput({ ...commonRow(3), quantity: 1.5 }).data?.quantity).toBe('1.5');
    expect(parsePositionInput({ ...commonRow(3), quantity: 'x' }).success).toBe(false);
    expect(schemaParse).toHaveBeenCalledTimes(2);
  });
});

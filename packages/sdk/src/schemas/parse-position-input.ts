import type { z } from 'zod';
import { plainDecimalInput } from '../types/decimal.js';
import { isValidCurrency, isValidId, jsonObjectInput } from '../types/input-fields.js';
import { POSITION_STATUSES } from './enums.js';
import { positionInputSchema, type ParsedPositionInput } from './position.js';

const positionInputKeys = new Set(Object.keys(positionInputSchema.shape));
const positionStatuses = new Set<unknown>(POSITION_STATUSES);

/** An optional decimal as positionInputSchema outputs it, or undefined when the schema must judge the value. */
const optionalPlainDecimal = (value: unknown): string | null | undefined =>
  value === undefined || value === null ? null : plainDecimalInput(value);

/**
 * The position a plain row of strings describes, decided without zod's per-field pipeline, or undefined for anything
 * else: a missing position_id, a number or an exponent for an amount, an unknown key, any invalid value.
 */
const commonPosition = (input: unknown): ParsedPositionInput | undefined => {
  if (typeof input !== 'object' || input === null) return undefined;
  const prototype = Object.getPrototypeOf(input) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  for (const key in input) if (!positionInputKeys.has(key)) return undefined;
  const row = input as Record<string, unknown>;
  const { position_id, portfolio_node_id, instrument_id, base_ccy, status } = row;
  if (!isValidId(position_id) || !isValidId(portfolio_node_id) || !isValidId(instrument_id)) return undefined;
  if (!isValidCurrency(base_ccy) || (status !== undefined && !positionStatuses.has(status))) return undefined;
  const quantity = plainDecimalInput(row.quantity);
  const cost_basis = optionalPlainDecimal(row.cost_basis);
  const book_value = optionalPlainDecimal(row.book_value);
  if (quantity === undefined || cost_basis === undefined || book_value === undefined) return undefined;
  let tags_json: Record<string, z.core.util.JSONType> = {};
  if (row.tags_json !== undefined) {
    const tags = jsonObjectInput.safeParse(row.tags_json);
    if (!tags.success) return undefined;
    tags_json = tags.data;
  }
  return {
    position_id,
    portfolio_node_id,
    instrument_id,
    quantity,
    base_ccy,
    cost_basis,
    book_value,
    tags_json,
    ...(status === undefined ? {} : { status: status as ParsedPositionInput['status'] }),
  };
};

/**
 * positionInputSchema.safeParse, with the same results, for the bulk paths: a row as bulk loads and ingests nearly
 * always give it (ids, an ISO currency and plain decimal strings) is checked directly, at a fraction of the cost;
 * anything else, valid or not, goes through the schema, so errors read exactly as the schema words them.
 */
export const parsePositionInput = (input: unknown): z.ZodSafeParseResult<ParsedPositionInput> => {
  const position = commonPosition(input);
  return position === undefined ? positionInputSchema.safeParse(input) : { success: true, data: position };
};

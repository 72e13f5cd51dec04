import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isIsoCurrencyCode } from '../reference/iso-codes.js';

const idMaxLength = 200;
const idPattern = /^\S(.*\S)?$/u;

/** Text primary/foreign keys: UUIDs or semantic ids such as `FUND-GLOBAL-CREDIT`. */
export const idInput = z
  .string({ error: 'must be a text id' })
  .min(1, { error: 'must not be empty' })
  .max(idMaxLength, { error: `must be at most ${idMaxLength} characters` })
  .regex(idPattern, { error: 'must not start or end with whitespace' });

/** True when idInput takes `value` as it is. */
export const isValidId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= idMaxLength && idPattern.test(value);

/** An id the caller may leave out; a random UUID is generated then. */
export const generatedIdInput = idInput.default(() => randomUUID());

export const nameInput = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(500, { error: 'must be at most 500 characters' });

const currencyPattern = /^[A-Z]{3}$/u;

export const currencyInput = z
  .string()
  .regex(currencyPattern, { error: 'must be three upper-case letters, e.g. USD', abort: true })
  .refine(isIsoCurrencyCode, { error: 'is not an ISO 4217 currency code' });

/** True when currencyInput takes `value` as it is. */
export const isValidCurrency = (value: unknown): value is string =>
  typeof value === 'string' && currencyPattern.test(value) && isIsoCurrencyCode(value);

/** `'YYYY-MM-DD'`, a real calendar day. */
export const isoDateInput = z.iso.date({ error: 'must be a calendar date written YYYY-MM-DD' });

/** A `Date` or an ISO 8601 timestamp with offset. */
export const timestampInput = z
  .union([z.date(), z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with offset' })])
  .transform((value) => new Date(value))
  .refine((value) => !Number.isNaN(value.getTime()), { error: 'must be a valid timestamp' });

export const jsonObjectInput = z.record(z.string(), z.json(), { error: 'must be a JSON object' });

export const sha256HexInput = z
  .string()
  .regex(/^[0-9a-f]{64}$/u, { error: 'must be 64 lower-case hex digits (SHA-256)' });

/** `'BASE/QUOTE'`, e.g. `'EUR/USD'`: units of QUOTE per one BASE. */
export const fxPairInput = z
  .string()
  .regex(/^[A-Z]{3}\/[A-Z]{3}$/u, { error: "must look like 'EUR/USD'" })
  .refine((pair) => pair.slice(0, 3) !== pair.slice(4), { error: 'must name two different currencies' });

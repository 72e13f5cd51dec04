export * from './column-types.js';
export { type Decimal, ExactDecimal } from './exact-decimal.js';
export { decimalInput, normalizeDecimal, positiveDecimalInput, toDecimal, type DecimalString } from './decimal.js';
export * from './input-fields.js';
export { issuesOf, parseInput } from './parse-input.js';

import { randomBytes, randomInt } from 'node:crypto';
import type { ColumnSnapshot, TableSnapshot } from '@iprs/schema';
import randexp from 'randexp';
import { compileSimplePattern, generateSimple } from './simple-pattern.js';

// randexp's types declare an ES default export; at run time its CommonJS module.exports is the class itself.
const RandExp = randexp as unknown as typeof randexp.default;

/** A value for one column of a probe row: text (written as a literal cast to the column type) or an SQL expression. */
export type ProbeValue = { readonly text: string } | { readonly sql: string };

const integerTypes = /^(smallint|integer|bigint)$/;
const numericTypes = /^(numeric|real|double precision)(\(|$)/;
const textTypes = /^(text|character varying|character|varchar|char|citext)(\(|$)/;

/** Whether the column's default would draw from a sequence (serial, identity, or a default calling nextval). */
export function drawsFromSequence(column: ColumnSnapshot): boolean {
  return column.identity !== null || (column.default?.includes('nextval(') ?? false);
}

/**
 * A fresh value that satisfies the column's type and its enumeration or regular-expression CHECKs. Random where
 * uniqueness matters, so probe rows never collide with real rows. Integers are negative: sequences never hand those out.
 * Returns null for a type it cannot make up a value for.
 */
export function probeValue(table: TableSnapshot, column: ColumnSnapshot): ProbeValue | null {
  const allowed = table.checks.find((check) => check.allowedValues?.column === column.name)?.allowedValues;
  if (allowed && allowed.values[0] !== undefined) return { text: allowed.values[0] };
  const pattern = regexFor(table, column.name);
  if (pattern !== null) {
    const generated = generateMatching(pattern);
    if (generated !== null) return { text: generated };
  }
  const type = column.type;
  if (type.endsWith('[]')) return { text: '{}' };
  if (textTypes.test(type)) return { text: `iprs-probe-${randomBytes(6).toString('hex')}` };
  if (integerTypes.test(type)) return { text: String(-randomInt(1, type === 'smallint' ? 32_000 : 2_000_000_000)) };
  if (numericTypes.test(type)) return { text: '1' };
  if (type === 'boolean') return { text: 'true' };
  if (type === 'date') return { sql: 'CURRENT_DATE' };
  if (type.startsWith('timestamp')) return { sql: 'now()' };
  if (type === 'jsonb' || type === 'json') return { text: '{}' };
  if (type === 'uuid') return { sql: 'gen_random_uuid()' };
  if (type === 'bytea') return { text: '\\x00' };
  return null;
}

/** A value the column's type accepts that no row can hold yet (for orphan foreign-key probes). */
export function absentValue(table: TableSnapshot, column: ColumnSnapshot): ProbeValue | null {
  if (textTypes.test(column.type) && regexFor(table, column.name) === null) {
    return { text: `iprs-probe-absent-${randomBytes(8).toString('hex')}` };
  }
  return probeValue(table, column);
}

// Probes ask for values of the same columns again and again: the pattern and its generator are looked up once each.
const patternsOf = new WeakMap<TableSnapshot, Map<string, string | null>>();
const generators = new Map<string, { readonly gen: () => string; readonly check: RegExp } | null>();

/** The pattern of a `column ~ 'pattern'` CHECK on the column, if there is one. */
function regexFor(table: TableSnapshot, column: string): string | null {
  let patterns = patternsOf.get(table);
  if (!patterns) {
    patterns = new Map();
    patternsOf.set(table, patterns);
  }
  let pattern = patterns.get(column);
  if (pattern === undefined) {
    pattern = findPattern(table, column);
    patterns.set(column, pattern);
  }
  return pattern;
}

function findPattern(table: TableSnapshot, column: string): string | null {
  for (const check of table.checks) {
    if (!check.columns.includes(column)) continue;
    const match = new RegExp(`(?:^|[ (])"?${escapeRegExp(column)}"? ~ '((?:[^']|'')*)'`).exec(check.expression);
    if (match?.[1] !== undefined) return match[1].replaceAll("''", "'");
  }
  return null;
}

/**
 * PostgreSQL's simple regular expressions read the same in JavaScript. The simplest shapes are generated directly; the
 * rest through randexp; anything neither can use yields null.
 */
function generateMatching(pattern: string): string | null {
  let generator = generators.get(pattern);
  if (generator === undefined) {
    generator = generatorFor(pattern);
    generators.set(pattern, generator);
  }
  if (!generator) return null;
  try {
    const value = generator.gen();
    return generator.check.test(value) ? value : null;
  } catch {
    return null;
  }
}

function generatorFor(pattern: string): { gen: () => string; check: RegExp } | null {
  try {
    const check = new RegExp(pattern);
    const simple = compileSimplePattern(pattern);
    if (simple) return { gen: () => generateSimple(simple), check };
    const random = new RandExp(check);
    random.max = 8;
    return { gen: () => random.gen(), check };
  } catch {
    return null;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { AllowedValues } from '../manifest/schema-snapshot.js';

const identifier = /^(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")$/;
const castSuffix = /::[a-z_][a-z0-9_ ]*(?:\([0-9, ]+\))?(?:\[\])?$/;

/**
 * Recognises an enumeration CHECK in PostgreSQL's normalised form and returns its column and values:
 * `(col = ANY (ARRAY['A'::text, 'B'::text]))`, the same with an array literal `(col = ANY ('{A,B}'::text[]))`, a
 * single-value `(col = 'A'::text)`, an OR-chain of those on one column (`col = 'A' OR col = 'B'`), any of them with
 * `(col IS NULL) OR`, and the casts PostgreSQL adds for varchar columns. Anything else is not an enumeration: null.
 */
export function parseAllowedValues(expression: string): AllowedValues | null {
  const parts = splitTopLevel(unwrap(expression), ' OR ');
  const nullTest = /^(.+) IS NULL$/;
  let column: string | null = null;
  let allowsNull = false;
  const values: string[] = [];
  for (const part of parts) {
    const isNull = nullTest.exec(unwrap(part));
    const parsed = isNull ? null : membership(part);
    const name = isNull ? columnName(isNull[1] ?? '') : (parsed?.column ?? null);
    if (name === null || (column !== null && name !== column)) return null;
    column = name;
    if (isNull) allowsNull = true;
    else values.push(...(parsed?.values ?? []));
  }
  return column !== null && values.length > 0 ? { column, values: [...new Set(values)], allowsNull } : null;
}

function membership(text: string): { column: string; values: string[] } | null {
  const body = unwrap(text);
  const anyOf = /^(.+?) = ANY \((.+)\)$/s.exec(body);
  const equals = anyOf ? null : /^(.+?) = ('.*)$/s.exec(body);
  const column = columnName((anyOf ?? equals)?.[1] ?? '');
  if (column === null) return null;
  let values: string[] | null;
  if (anyOf) {
    const list = unwrap(anyOf[2] ?? '');
    const array = /^ARRAY\[(.*)\]$/s.exec(unwrap(withoutCast(list)));
    const literal = array ? null : /^'((?:[^']|'')*)'::[a-z_][a-z0-9_ ]*(?:\([0-9, ]+\))?\[\]$/s.exec(list);
    values = array ? literals(array[1] ?? '') : literal ? arrayLiteral((literal[1] ?? '').replaceAll("''", "'")) : null;
  } else {
    values = literals(equals?.[2] ?? '');
    if (values?.length !== 1) values = null;
  }
  return values && values.length > 0 ? { column, values } : null;
}

/** The elements of a one-dimensional array literal `{A,"B C"}`; null when it holds NULL or nested arrays. */
function arrayLiteral(text: string): string[] | null {
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  const body = text.slice(1, -1);
  const values: string[] = [];
  const element = /\s*(?:"((?:[^"\\]|\\.)*)"|([^",{}\\]*))\s*(,|$)/y;
  let index = 0;
  while (index < body.length) {
    element.lastIndex = index;
    const match = element.exec(body);
    if (!match) return null;
    const quoted = match[1];
    const bare = (match[2] ?? '').trim();
    if (quoted === undefined && (bare === '' || bare.toUpperCase() === 'NULL')) return null;
    values.push(quoted === undefined ? bare : quoted.replace(/\\(.)/g, '$1'));
    index = element.lastIndex;
    if (match[3] === '') break;
  }
  return values.length > 0 ? values : null;
}

function columnName(text: string): string | null {
  const bare = unwrap(withoutCast(unwrap(text.trim())));
  if (!identifier.test(bare)) return null;
  return bare.startsWith('"') ? bare.slice(1, -1).replaceAll('""', '"') : bare;
}

/** `'A'::text, 'B'::text` → ['A', 'B']; null when any item is not a plain string literal. */
function literals(list: string): string[] | null {
  const values: string[] = [];
  for (const item of splitTopLevel(list, ', ')) {
    const match = /^'((?:[^']|'')*)'(?:::[a-z_][a-z0-9_ ]*(?:\([0-9, ]+\))?)?$/s.exec(item.trim());
    if (!match) return null;
    values.push((match[1] ?? '').replaceAll("''", "'"));
  }
  return values;
}

function withoutCast(text: string): string {
  return text.replace(castSuffix, '');
}

/** Removes parentheses that enclose the whole text, repeatedly. */
function unwrap(text: string): string {
  let current = text.trim();
  while (current.startsWith('(') && closingParenthesis(current, 0) === current.length - 1) {
    current = current.slice(1, -1).trim();
  }
  return current;
}

function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'" || char === '"') {
      index = text.indexOf(char, index + 1);
      if (index === -1) return -1;
      continue;
    }
    if (char === '(' || char === '[') depth += 1;
    if (char === ')' || char === ']') depth -= 1;
    if (depth === 0) return index;
  }
  return -1;
}

/** Splits on `separator` where it occurs outside parentheses, brackets and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'" || char === '"') {
      const close = text.indexOf(char, index + 1);
      index = close === -1 ? text.length : close;
      continue;
    }
    if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

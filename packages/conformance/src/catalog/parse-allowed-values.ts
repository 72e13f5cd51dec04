import type { AllowedValues } from '@iprs/schema';

const identifier = /^(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")$/;
const castSuffix = /::[a-z_][a-z0-9_ ]*(?:\([0-9, ]+\))?(?:\[\])?$/;

/**
 * Recognises an enumeration CHECK in PostgreSQL's normalised form and returns its column and values:
 * `(col = ANY (ARRAY['A'::text, 'B'::text]))`, the same preceded by `(col IS NULL) OR`, a single-value
 * `(col = 'A'::text)`, and the casts PostgreSQL adds for varchar columns. Anything else is not an enumeration: null.
 */
export function parseAllowedValues(expression: string): AllowedValues | null {
  const parts = splitTopLevel(unwrap(expression), ' OR ');
  if (parts.length === 1) return membership(parts[0] ?? '', false);
  if (parts.length !== 2) return null;
  const [first = '', second = ''] = parts;
  const nullTest = /^(.+) IS NULL$/;
  const firstNull = nullTest.exec(unwrap(first));
  const secondNull = nullTest.exec(unwrap(second));
  const [column, rest] = firstNull ? [firstNull[1], second] : secondNull ? [secondNull[1], first] : [];
  const parsed = rest === undefined ? null : membership(rest, true);
  return parsed && column !== undefined && columnName(column) === parsed.column ? parsed : null;
}

function membership(text: string, allowsNull: boolean): AllowedValues | null {
  const body = unwrap(text);
  const anyOf = /^(.+?) = ANY \((.+)\)$/s.exec(body);
  const equals = anyOf ? null : /^(.+?) = ('.*)$/s.exec(body);
  const column = columnName((anyOf ?? equals)?.[1] ?? '');
  if (column === null) return null;
  let values: string[] | null;
  if (anyOf) {
    const array = /^ARRAY\[(.*)\]$/s.exec(unwrap(withoutCast(unwrap(anyOf[2] ?? ''))));
    values = array ? literals(array[1] ?? '') : null;
  } else {
    values = literals(equals?.[2] ?? '');
    if (values?.length !== 1) values = null;
  }
  return values && values.length > 0 ? { column, values, allowsNull } : null;
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

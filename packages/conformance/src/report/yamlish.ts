import type { JsonValue } from './finding.js';

/**
 * `value` as YAML lines in the subset that TAP::Parser's YAMLish reader (Perl's `prove`, TAP 13) understands and every
 * YAML parser reads the same way: block mappings and sequences, `~` for null, plain numbers and booleans, strings
 * always double-quoted on one line with only the escapes both know (\\ \" \n \t \r \xNN). General YAML writers fold
 * long strings over lines, use flow collections and \u escapes, which YAMLish rejects or reads as plain text.
 */
export function yamlishLines(value: { readonly [key: string]: JsonValue }, indent: string): string[] {
  return mappingLines(value, indent);
}

function mappingLines(mapping: { readonly [key: string]: JsonValue }, indent: string): string[] {
  return Object.entries(mapping).flatMap(([key, value]) => {
    const name = /^[A-Za-z_][\w.-]*$/.test(key) ? key : quoted(key);
    return isNested(value)
      ? [`${indent}${name}:`, ...nestedLines(value, `${indent}  `)]
      : [`${indent}${name}: ${scalar(value)}`];
  });
}

function sequenceLines(sequence: readonly JsonValue[], indent: string): string[] {
  return sequence.flatMap((item) => {
    // YAMLish takes `- "word: …"` for a mapping item, so a colon before a space or the end is escaped there.
    if (!isNested(item)) return [`${indent}- ${typeof item === 'string' ? quoted(item, /:(?=\s|$)/g) : scalar(item)}`];
    const lines = nestedLines(item, `${indent}  `);
    // A mapping item starts on the dash line, its other keys under the first; YAMLish reads a quoted first key there
    // as a broken scalar, so such a mapping, like a nested sequence, starts on the line after a lone dash.
    const [first = '', ...rest] = lines;
    const plainFirstKey = !Array.isArray(item) && /^[A-Za-z_]/.test(first.trimStart());
    return plainFirstKey ? [`${indent}- ${first.trimStart()}`, ...rest] : [`${indent}-`, ...lines];
  });
}

function nestedLines(value: JsonValue, indent: string): string[] {
  return Array.isArray(value)
    ? sequenceLines(value, indent)
    : mappingLines(value as { readonly [key: string]: JsonValue }, indent);
}

/** Non-empty arrays and objects take lines of their own; empty ones are the scalars `[]` and `{}`. */
function isNested(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

function scalar(value: JsonValue): string {
  if (value === null) return '~';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'object') return Array.isArray(value) ? '[]' : '{}';
  return String(value);
}

const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function quoted(text: string, alsoEscape?: RegExp): string {
  const hex = (character: string) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f]/g, (character) => escapes[character] ?? hex(character));
  return `"${alsoEscape ? escaped.replace(alsoEscape, hex) : escaped}"`;
}

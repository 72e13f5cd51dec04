import type { BatchRowError } from './batch-row-error.js';

/** Characters of a file's value quoted in a report; the rest is replaced by its size. */
const quotedValueLength = 100;
/** Longest reason or column kept in a report entry, whatever produced it (a cell, a database message). */
const maxReasonLength = 500;
const maxColumnLength = 100;

/**
 * Control characters (C0, DEL, C1) and lone surrogates as `\uXXXX`: PostgreSQL text and jsonb cannot hold NUL or a lone
 * surrogate, and a control character in a report would reach a terminal as an escape sequence.
 */
const unreportable = /[\u{0}-\u{1f}\u{7f}-\u{9f}\u{d800}-\u{dfff}]/gu;

export function escapeForReport(text: string): string {
  return text.replace(unreportable, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value from the file as a report quotes it: escaped, in double quotes, cut after 100 characters with its size. */
export function quoteValue(value: string): string {
  if (value.length <= quotedValueLength) return `"${escapeForReport(value)}"`;
  return `"${escapeForReport(cutAt(value, quotedValueLength))}…" (${Buffer.byteLength(value)} bytes)`;
}

/** The entry as reports keep it: escaped, its reason and column of bounded length. */
export function boundedRowError(error: BatchRowError): BatchRowError {
  return { ...error, column: bounded(error.column, maxColumnLength), reason: bounded(error.reason, maxReasonLength) };
}

function bounded(text: string, length: number): string {
  const escaped = escapeForReport(text.length > length * 6 ? cutAt(text, length * 6) : text);
  return escaped.length <= length ? escaped : `${cutAt(escaped, length)}… (${text.length} characters)`;
}

/** The first `length` UTF-16 units of `text`, without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

import { sessionEffectOf } from './session-effect.js';

// Statements that only read, by their first word.
const READING_STATEMENTS = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:select|with|values|table|show)\b/iu;
// Anything in the text that writes, locks rows, or consumes a sequence: such a statement goes to the primary.
const WRITES_OR_LOCKS =
  /\b(?:insert|update|delete|merge|into|for\s+(?:no\s+key\s+)?update|for\s+(?:key\s+)?share|nextval|setval|pg_notify|lo_\w+|pg_advisory\w*)\b/iu;

/**
 * Whether a statement can run on a hot standby without changing anything: a SELECT (or WITH, VALUES, TABLE, SHOW)
 * that names no write, row lock, sequence call or session change. Conservative: a word like "update" inside a string
 * literal sends the read to the primary, which is always correct. A function that writes behind a plain SELECT is
 * refused by the standby (25006) and the pool then runs the statement on the primary.
 */
export const isReadOnlyStatement = (text: string): boolean =>
  READING_STATEMENTS.test(text) && !WRITES_OR_LOCKS.test(text) && sessionEffectOf(text) === 'none';

/** What one statement does to the session that runs it, beyond its own result. */
export type SessionEffect = 'none' | 'opens-transaction' | 'ends-transaction' | 'changes-session';

// The first two words after leading white space and comments.
const leadingWords = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*([a-z]+)(?:\s+([a-z]+))?/iu;
// Session-scoped state a statement of any kind can create: temporary objects, session settings, session-level locks.
const sessionStateAnywhere = /\b(?:temp|temporary|pg_temp|set_config|pg_(?:try_)?advisory_lock(?:_shared)?)\b/iu;
const andChain = /\band\s+chain\b/iu;

// Statements whose very kind leaves state on the session (DO and CALL run code that may).
const SESSION_STATEMENTS = new Set(['SET', 'RESET', 'LISTEN', 'PREPARE', 'DECLARE', 'LOAD', 'DO', 'CALL']);
// SET forms that last only until the end of the transaction.
const TRANSACTION_SCOPED_SET = new Set(['LOCAL', 'TRANSACTION', 'CONSTRAINTS']);

/**
 * Reads a statement's effect on its session from its text. Each driver call carries exactly one statement (Slonik's pg
 * driver uses the extended protocol, which refuses several), so the leading keyword says whether it opens or ends a
 * transaction; session state is spotted by keyword. Conservative: a false "changes-session" costs one DISCARD ALL.
 * Blind spot: state that a function body changes without the statement naming it (a PL/pgSQL function calling
 * set_config(..., false) or taking pg_advisory_lock); such functions must keep their changes transaction-scoped.
 */
export const sessionEffectOf = (text: string): SessionEffect => {
  const known = remembered.get(text);
  if (known !== undefined) return known;
  const effect = readSessionEffect(text);
  if (text.length <= REMEMBERED_TEXT_LENGTH) {
    if (remembered.size >= REMEMBERED_STATEMENTS) remembered.clear();
    remembered.set(text, effect);
  }
  return effect;
};

// The SDK sends a few hundred distinct statement texts over and over: each is read once. Bounded, for callers that
// build unique texts (long IN lists, unsafe SQL).
const REMEMBERED_STATEMENTS = 1_000;
const REMEMBERED_TEXT_LENGTH = 4_096;
const remembered = new Map<string, SessionEffect>();

const readSessionEffect = (text: string): SessionEffect => {
  const words = leadingWords.exec(text);
  const first = words?.[1]?.toUpperCase();
  const second = words?.[2]?.toUpperCase();
  switch (first) {
    case 'BEGIN':
    case 'START':
      return 'opens-transaction';
    case 'COMMIT':
    case 'END':
    case 'ABORT':
      return andChain.test(text) ? 'opens-transaction' : 'ends-transaction';
    case 'ROLLBACK':
      if (second === 'TO') return 'none';
      return andChain.test(text) ? 'opens-transaction' : 'ends-transaction';
    case 'PREPARE':
      return second === 'TRANSACTION' ? 'ends-transaction' : 'changes-session';
    case 'SET':
      return second !== undefined && TRANSACTION_SCOPED_SET.has(second) ? 'none' : 'changes-session';
    default:
      if (first !== undefined && SESSION_STATEMENTS.has(first)) return 'changes-session';
      return sessionStateAnywhere.test(text) ? 'changes-session' : 'none';
  }
};

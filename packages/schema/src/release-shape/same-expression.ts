/**
 * Whether two SQL expressions (a column default, a CHECK) as pg_get_expr() prints them mean the same. The runner's own
 * judgement is the same text; `iprs migrate` passes @iprs/conformance's parser-based one, so that the runner accepts
 * exactly the spellings `iprs verify` does (`CURRENT_TIMESTAMP` for `now()`, an OR-chain for an IN list).
 */
export type SameExpression = (expected: string | null, actual: string | null) => boolean;

export const sameText: SameExpression = (expected, actual) => expected === actual;

import { sqlScanner, type SqlToken } from './expression-meaning.js';

/**
 * Whether two function definitions (pg_get_functiondef) say the same once comments, whitespace and the case of
 * keywords and unquoted names are set aside — inside the dollar-quoted body too, which is lexed in turn. Everything
 * else counts, including a `SET search_path` clause. Without the parser loaded only equal text is the same.
 */
export function sameRoutineText(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  const scan = sqlScanner();
  if (!scan) return false;
  try {
    return JSON.stringify(significantTokens(expected, scan)) === JSON.stringify(significantTokens(actual, scan));
  } catch {
    return false;
  }
}

type Token = string | readonly Token[];

function significantTokens(text: string, scan: NonNullable<ReturnType<typeof sqlScanner>>): Token[] {
  return scan(text)
    .tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT')
    .map((token): Token => {
      const dollarTag = /^\$[^$]*\$/.exec(token.text)?.[0];
      const dollarQuoted =
        token.tokenName === 'SCONST' && dollarTag !== undefined && token.text.length >= 2 * dollarTag.length;
      if (dollarQuoted && token.text.endsWith(dollarTag)) {
        return significantTokens(token.text.slice(dollarTag.length, -dollarTag.length), scan);
      }
      return foldCase(token);
    });
}

function foldCase(token: SqlToken): string {
  const isName = token.tokenName === 'IDENT' || token.keywordKind > 0;
  return isName && !token.text.startsWith('"') ? token.text.toLowerCase() : token.text;
}

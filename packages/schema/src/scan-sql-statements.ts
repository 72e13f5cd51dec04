export interface SqlStatement {
  /** Index of the first character that is not whitespace or a comment. */
  readonly start: number;
  /** Index just past the terminating `;`, or the end of the text for an unterminated last statement. */
  readonly end: number;
  /** The statement's text from `start`, without the `;`, comments kept. */
  readonly text: string;
}

/**
 * Splits SQL text into top-level statements the way the server's lexer sees them: semicolons inside quoted
 * strings, quoted identifiers, dollar-quoted bodies and comments do not end a statement. Only the boundaries
 * are computed; statements are never rewritten. Text holding only whitespace and comments yields no statement.
 */
export function scanSqlStatements(sql: string): readonly SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = -1;
  let index = 0;
  const finish = (end: number, textEnd: number): void => {
    if (start >= 0) statements.push({ start, end, text: sql.slice(start, textEnd) });
    start = -1;
  };
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index);
      index = newline === -1 ? sql.length : newline + 1;
      continue;
    }
    if (char === '/' && next === '*') {
      index = skipBlockComment(sql, index);
      continue;
    }
    if (char === ';') {
      finish(index + 1, index);
      index += 1;
      continue;
    }
    if (/\s/.test(char ?? '')) {
      index += 1;
      continue;
    }
    if (start < 0) start = index;
    if (char === "'") {
      const escapes = /[eE]/.test(sql[index - 1] ?? '') && !/[\w$]/.test(sql[index - 2] ?? '');
      index = skipQuoted(sql, index, "'", escapes);
    } else if (char === '"') {
      index = skipQuoted(sql, index, '"', false);
    } else if (char === '$') {
      index = skipDollarQuoted(sql, index);
    } else {
      index += 1;
    }
  }
  finish(sql.length, sql.length);
  return statements;
}

function skipBlockComment(sql: string, open: number): number {
  let depth = 0;
  let index = open;
  while (index < sql.length) {
    if (sql.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (sql.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return sql.length;
}

function skipQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let index = open + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === '\\') {
      index += 2;
    } else if (char === quote) {
      if (sql[index + 1] !== quote) return index + 1;
      index += 2;
    } else {
      index += 1;
    }
  }
  return sql.length;
}

/** `$tag$ … $tag$`; a `$` that does not open a tag (e.g. the positional parameter `$1`) is an ordinary character. */
function skipDollarQuoted(sql: string, open: number): number {
  const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(open, open + 64))?.[0];
  if (!tag || /[\w$]/.test(sql[open - 1] ?? '')) return open + 1;
  const close = sql.indexOf(tag, open + tag.length);
  return close === -1 ? sql.length : close + tag.length;
}

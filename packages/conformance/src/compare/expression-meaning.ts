import type { SchemaSnapshot } from '@iprs/schema';

type ParseSync = (query: string) => { stmts?: { stmt?: unknown }[] };
type ScanSync = (query: string) => { tokens: readonly SqlToken[] };
type AstNode = Readonly<Record<string, unknown>>;

export interface SqlToken {
  readonly text: string;
  readonly tokenName: string;
  readonly keywordKind: number;
}

let parseSync: ParseSync | null = null;
let scanSync: ScanSync | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads PostgreSQL's own parser and lexer (libpg-query, WebAssembly) for sameMeaning and function-body comparison. It
 * costs a few hundred milliseconds, so verifySchema loads it only when some default, CHECK, index predicate or
 * function definition is spelled differently from the release.
 */
export function loadExpressionParser(): Promise<void> {
  loading ??= import('libpg-query')
    .then(async (parser) => {
      await parser.loadModule();
      parseSync = parser.parseSync as ParseSync;
      scanSync = parser.scanSync as ScanSync;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** PostgreSQL's lexer, once loadExpressionParser has run; null before. */
export function sqlScanner(): ScanSync | null {
  return scanSync;
}

/**
 * Whether two SQL expressions as PostgreSQL deparses them mean the same. Equal text always does; otherwise both are
 * parsed and compared in a canonical form in which redundant parentheses and casts of literals are gone,
 * `IN (…)`, `= ANY (ARRAY[…])`, `= ANY ('{…}')` and OR-chains of equalities are one value set, AND/OR operands are
 * unordered, a literal is always on the right of a comparison, a negated comparison is its opposite, numbers and
 * jsonb literals compare by value, and `now()`, `CURRENT_TIMESTAMP` and `transaction_timestamp()` are one function.
 * Without the parser loaded, or when either side does not parse,
 * only equal text counts as the same.
 */
export function sameMeaning(expected: string | null, actual: string | null): boolean {
  if (expected === actual) return true;
  if (expected === null || actual === null || !parseSync) return false;
  const want = canonicalExpression(expected);
  return want !== null && want === canonicalExpression(actual);
}

/**
 * True when some matched default, CHECK expression, index predicate or function definition differs in spelling (so
 * comparing them by meaning needs the parser).
 */
export function expressionSpellingsDiffer(expected: SchemaSnapshot, actual: SchemaSnapshot): boolean {
  const actualTables = new Map(actual.tables.map((table) => [table.name, table]));
  const actualFunctions = new Map(actual.functions.map((fn) => [fn.signature, fn.definition]));
  const functionDiffers = expected.functions.some((fn) => {
    const definition = actualFunctions.get(fn.signature);
    return definition !== undefined && definition !== fn.definition;
  });
  return (
    functionDiffers ||
    expected.tables.some((table) => {
      const have = actualTables.get(table.name);
      if (!have) return false;
      const differs = <T extends { readonly name: string }>(
        want: readonly T[],
        got: readonly T[],
        text: (item: T) => string | null,
      ) => {
        const byName = new Map(got.map((item) => [item.name, item]));
        return want.some((item) => {
          const other = byName.get(item.name);
          return other !== undefined && text(item) !== text(other);
        });
      };
      return (
        differs(table.columns, have.columns, (column) => column.default) ||
        differs(table.checks, have.checks, (check) => check.expression) ||
        differs(table.indexes, have.indexes, (index) => index.predicate)
      );
    })
  );
}

function canonicalExpression(expression: string): string | null {
  if (!parseSync) return null;
  try {
    const statement = parseSync(`SELECT ${expression}`).stmts;
    const select = (statement?.length === 1 ? statement[0]?.stmt : undefined) as AstNode | undefined;
    const targets = (select?.SelectStmt as AstNode | undefined)?.targetList as AstNode[] | undefined;
    const target = targets?.length === 1 ? (targets[0]?.ResTarget as AstNode | undefined) : undefined;
    const value = target?.val as AstNode | undefined;
    return value ? canonical(value) : null;
  } catch {
    return null;
  }
}

const typeAliases: Readonly<Record<string, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
  decimal: 'numeric',
};
const textTypes = new Set(['text', 'character varying']);
const numericTypes = new Set(['numeric', 'integer', 'smallint', 'bigint', 'real', 'double precision']);
const negatedOperators: Readonly<Record<string, string>> = {
  '=': '<>',
  '<>': '=',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
};
const functionSynonyms: Readonly<Record<string, string>> = { transaction_timestamp: 'now' };
const mirrored: Readonly<Record<string, string>> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=', '<>': '<>' };
const positionKeys = new Set(['location', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end']);

function nodeOf(node: AstNode): [string, AstNode] {
  const [entry] = Object.entries(node);
  return entry ? [entry[0], (entry[1] ?? {}) as AstNode] : ['', {}];
}

function isNode(value: unknown): value is AstNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && /^[A-Z]/.test(keys[0] ?? '');
}

function canonical(node: AstNode): string {
  const [type, body] = nodeOf(node);
  switch (type) {
    case 'A_Const':
      return constant(body);
    case 'ColumnRef':
      return `column ${(body.fields as AstNode[]).map((field) => (field.String as AstNode | undefined)?.sval ?? '*').join('.')}`;
    case 'TypeCast':
      return typeCast(body);
    case 'A_ArrayExpr':
      return `array[${((body.elements as AstNode[] | undefined) ?? []).map(canonical).join(', ')}]`;
    case 'FuncCall':
      return functionCall(body);
    case 'SQLValueFunction':
      return body.op === 'SVFOP_CURRENT_TIMESTAMP' && (body.typmod ?? -1) === -1
        ? 'call now()'
        : `sql ${String(body.op)}(${String(body.typmod)})`;
    case 'BoolExpr':
      return booleanExpression(body);
    case 'A_Expr':
      return operatorExpression(body);
    default:
      return `${type}${generic(body)}`;
  }
}

/** Any other node: its fields in a fixed order, with child nodes in canonical form and source positions dropped. */
function generic(value: unknown): string {
  if (isNode(value)) return `<${canonical(value)}>`;
  if (Array.isArray(value)) return `[${value.map(generic).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value)
      .filter(([key]) => !positionKeys.has(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${key}: ${generic(field)}`);
    return `{${fields.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A literal by its value alone: `'0'::numeric`, `(0)::numeric` and `0` are all the constant 0, and so is `0.00`. */
function constant(body: AstNode, numeric = false): string {
  if (body.isnull) return 'null';
  const [kind, value] = nodeOf(Object.fromEntries(Object.entries(body).filter(([key]) => !positionKeys.has(key))));
  const inner = String(
    (value as Record<string, unknown>)[kind] ?? (kind === 'ival' ? 0 : kind === 'boolval' ? false : ''),
  );
  const isNumber = kind === 'ival' || kind === 'fval' || numeric;
  return `constant ${JSON.stringify(isNumber ? numberText(inner) : inner)}`;
}

/** A jsonb literal by its value: whitespace and key order do not matter (`'{ "b": 1, "a": 2 }'` is `'{"a":2,"b":1}'`). */
function jsonbConstant(inner: string): string {
  try {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([key, field]) => [key, sorted(field)]),
            )
          : value;
    return `jsonb ${JSON.stringify(sorted(JSON.parse(JSON.parse(inner.slice('constant '.length)) as string)))}`;
  } catch {
    return inner;
  }
}

/** `007.50` → `7.5`, `-0.0` → `0`; anything that is not a plain decimal number is left as it is. */
function numberText(text: string): string {
  const match = /^([+-]?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(text.trim());
  if (!match || !/\d/.test(text)) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  const digits = `${whole || '0'}${fraction ? `.${fraction}` : ''}`;
  return digits === '0' || sign !== '-' ? digits : `-${digits}`;
}

function typeName(name: AstNode): string {
  const names = ((name.names as AstNode[] | undefined) ?? [])
    .map((part) => String((part.String as AstNode | undefined)?.sval ?? ''))
    .filter((part) => part !== 'pg_catalog');
  const base = names.join('.');
  const modifiers = (name.typmods as AstNode[] | undefined)?.map(canonical).join(', ');
  const bounds = (name.arrayBounds as unknown[] | undefined)?.map(() => '[]').join('') ?? '';
  return `${typeAliases[base] ?? base}${modifiers ? `(${modifiers})` : ''}${bounds}`;
}

function typeCast(body: AstNode): string {
  const argument = body.arg as AstNode;
  const type = typeName(body.typeName as AstNode);
  const items = arrayItems({ TypeCast: body });
  if (items) return `array[${items.join(', ')}]`;
  const [argumentType, argumentBody] = nodeOf(argument);
  const inner = argumentType === 'A_Const' ? constant(argumentBody, numericTypes.has(type)) : canonical(argument);
  if (type === 'jsonb' && inner.startsWith('constant ')) return jsonbConstant(inner);
  // A literal's cast only says how PostgreSQL resolved its type, and a cast to text changes no value; a cast of a
  // cast (`'1.5'::numeric::integer`) may, so it stays.
  const literal = nodeOf(argument)[0] === 'A_Const';
  if ((literal || textTypes.has(type)) && (inner.startsWith('constant ') || inner.startsWith('column '))) return inner;
  return `cast(${inner} as ${type})`;
}

/** The canonical elements of an array expression: `ARRAY[…]`, `ARRAY[…]::t[]` or the literal `'{…}'::t[]`. */
function arrayItems(node: AstNode): string[] | null {
  const [type, body] = nodeOf(node);
  if (type === 'A_ArrayExpr') return ((body.elements as AstNode[] | undefined) ?? []).map(canonical);
  if (type !== 'TypeCast') return null;
  const isArrayType = ((body.typeName as AstNode).arrayBounds as unknown[] | undefined)?.length;
  if (!isArrayType) return null;
  const argument = body.arg as AstNode;
  const [argumentType, argumentBody] = nodeOf(argument);
  if (argumentType === 'A_ArrayExpr' || argumentType === 'TypeCast') return arrayItems(argument);
  const literal =
    argumentType === 'A_Const' ? ((argumentBody.sval as AstNode | undefined)?.sval as string | undefined) : undefined;
  const values = literal === undefined ? null : parseArrayLiteral(literal);
  return values?.map((value) => (value === null ? 'null' : `constant ${JSON.stringify(value)}`)) ?? null;
}

/** A one-dimensional array literal `{A,"B C",NULL}`; null for anything else. */
function parseArrayLiteral(literal: string): (string | null)[] | null {
  const text = literal.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  const body = text.slice(1, -1);
  if (body.trim() === '') return [];
  const values: (string | null)[] = [];
  let index = 0;
  while (index <= body.length) {
    while (body[index] === ' ') index += 1;
    let value = '';
    let quoted = false;
    if (body[index] === '"') {
      quoted = true;
      index += 1;
      while (index < body.length && body[index] !== '"') {
        if (body[index] === '\\') index += 1;
        value += body[index] ?? '';
        index += 1;
      }
      index += 1;
      while (body[index] === ' ') index += 1;
    } else {
      while (index < body.length && body[index] !== ',') {
        if (body[index] === '{' || body[index] === '"') return null;
        if (body[index] === '\\') index += 1;
        value += body[index] ?? '';
        index += 1;
      }
      value = value.trim();
    }
    values.push(!quoted && value.toUpperCase() === 'NULL' ? null : value);
    if (index < body.length && body[index] !== ',') return null;
    index += 1;
  }
  return values;
}

function functionCall(body: AstNode): string {
  const names = ((body.funcname as AstNode[] | undefined) ?? [])
    .map((part) => String((part.String as AstNode | undefined)?.sval ?? ''))
    .filter((part) => part !== 'pg_catalog');
  const name = names.join('.');
  const args = ((body.args as AstNode[] | undefined) ?? []).map(canonical).join(', ');
  const rest = Object.fromEntries(
    Object.entries(body).filter(([key]) => !['funcname', 'args', 'funcformat'].includes(key) && !positionKeys.has(key)),
  );
  const modifiers = Object.keys(rest).length > 0 ? ` ${generic(rest)}` : '';
  return `call ${functionSynonyms[name] ?? name}(${args})${modifiers}`;
}

interface Membership {
  readonly operand: string;
  readonly negated: boolean;
  readonly values: readonly string[];
}

function membershipText(membership: Membership): string {
  const values = [...new Set(membership.values)].sort();
  return `${membership.operand} ${membership.negated ? 'not in' : 'in'} {${values.join(', ')}}`;
}

/** `x IN (…)`, `x = ANY (array)`, `x = literal` (and the NOT IN / `<> ALL` / `<>` forms) as a value set. */
function membership(node: AstNode): Membership | null {
  const [type, body] = nodeOf(node);
  if (type !== 'A_Expr') return null;
  const operator = String(((body.name as AstNode[] | undefined)?.[0]?.String as AstNode | undefined)?.sval ?? '');
  if (operator !== '=' && operator !== '<>') return null;
  const negated = operator === '<>';
  const left = body.lexpr as AstNode | undefined;
  const right = body.rexpr as AstNode | undefined;
  if (!left || !right) return null;
  switch (body.kind) {
    case 'AEXPR_IN': {
      const items = (nodeOf(right)[1].items as AstNode[] | undefined)?.map(canonical);
      return items ? { operand: canonical(left), negated, values: items } : null;
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL': {
      if ((body.kind === 'AEXPR_OP_ALL') !== negated) return null;
      const items = arrayItems(right);
      return items ? { operand: canonical(left), negated, values: items } : null;
    }
    case 'AEXPR_OP': {
      const [a, b] = [canonical(left), canonical(right)];
      if (b.startsWith('constant ') && !a.startsWith('constant ')) return { operand: a, negated, values: [b] };
      if (a.startsWith('constant ') && !b.startsWith('constant ')) return { operand: b, negated, values: [a] };
      return null;
    }
    default:
      return null;
  }
}

function booleanExpression(body: AstNode): string {
  const args = (body.args as AstNode[] | undefined) ?? [];
  if (body.boolop === 'NOT_EXPR') return negation(args[0] ?? {});
  const flattened = args.flatMap(function flatten(arg): AstNode[] {
    const [type, inner] = nodeOf(arg);
    const nested = type === 'BoolExpr' && inner.boolop === body.boolop;
    return nested ? ((inner.args as AstNode[] | undefined) ?? []).flatMap(flatten) : [arg];
  });
  const operands: string[] = [];
  const sets = new Map<string, Membership>();
  for (const arg of flattened) {
    const set = membership(arg);
    // x = a OR x = b is x IN (a, b); x <> a AND x <> b is x NOT IN (a, b).
    const merges = set && set.negated === (body.boolop === 'AND_EXPR');
    if (set && merges) {
      const key = `${set.operand}|${set.negated}`;
      const known = sets.get(key);
      sets.set(key, known ? { ...known, values: [...known.values, ...set.values] } : set);
    } else {
      operands.push(set ? membershipText(set) : canonical(arg));
    }
  }
  operands.push(...[...sets.values()].map(membershipText));
  const unique = [...new Set(operands)].sort();
  if (unique.length === 1) return unique[0] ?? '';
  return `${body.boolop === 'AND_EXPR' ? 'and' : 'or'}(${unique.join(', ')})`;
}

/** NOT (a < b) is a >= b, NOT (x IN …) is x NOT IN …, NOT (x IS NULL) is x IS NOT NULL (all alike for NULLs too). */
function negation(argument: AstNode): string {
  const [type, body] = nodeOf(argument);
  const set = membership(argument);
  if (set) return membershipText({ ...set, negated: !set.negated });
  const operator = String(((body.name as AstNode[] | undefined)?.[0]?.String as AstNode | undefined)?.sval ?? '');
  if (
    type === 'A_Expr' &&
    body.kind === 'AEXPR_OP' &&
    negatedOperators[operator] &&
    (body.name as AstNode[]).length === 1
  ) {
    return operatorExpression({ ...body, name: [{ String: { sval: negatedOperators[operator] } }] });
  }
  if (type === 'NullTest') {
    return canonical({
      NullTest: { ...body, nulltesttype: body.nulltesttype === 'IS_NULL' ? 'IS_NOT_NULL' : 'IS_NULL' },
    });
  }
  if (type === 'BoolExpr' && body.boolop === 'NOT_EXPR')
    return canonical(((body.args as AstNode[] | undefined) ?? [])[0] ?? {});
  return `not(${canonical(argument)})`;
}

function operatorExpression(body: AstNode): string {
  const set = membership({ A_Expr: body });
  if (set) return membershipText(set);
  const operator = ((body.name as AstNode[] | undefined) ?? [])
    .map((part) => String((part.String as AstNode | undefined)?.sval ?? ''))
    .filter((part) => part !== 'pg_catalog')
    .join('.');
  const left = body.lexpr ? canonical(body.lexpr as AstNode) : '';
  const right = body.rexpr ? canonical(body.rexpr as AstNode) : '';
  if (body.kind === 'AEXPR_OP' && left && right) {
    const flipped = mirrored[operator];
    // `0 < a` is `a > 0` (the literal goes right) and `b <= a` is `a >= b` (otherwise the operands go in text order).
    const [leftConstant, rightConstant] = [left.startsWith('constant '), right.startsWith('constant ')];
    const swap = leftConstant !== rightConstant ? leftConstant : right < left;
    if (flipped && swap) return `(${right} ${flipped} ${left})`;
    return `(${left} ${operator} ${right})`;
  }
  return `${String(body.kind)} ${operator}(${left}, ${right})`;
}

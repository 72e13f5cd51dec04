/** How many digits a decimal may have before and after the point, and what sets that. */
export interface DecimalLimits {
  readonly integerDigits: number;
  readonly fractionDigits: number;
  /** What the limits come from, as a report names it, e.g. `position.quantity (numeric) and the amount domain numeric(46,18)`. */
  readonly source: string;
}

/**
 * What an amount or a quantity in an ingested file may be, whatever its column allows: 28 digits before the point
 * (the SDK's exactness is stated for 28-digit quantities) and 18 after (the finest unit of any currency or token, e.g.
 * wei). A plain `numeric` column would take `1e400` and 25 fractional digits; nothing in a position file means them.
 */
export const amountDomainType = 'numeric(46,18)';

/** PostgreSQL's own bounds for a `numeric` without precision: 131072 digits before the point, 16383 after. */
const unconstrainedNumeric = { integerDigits: 131_072, fractionDigits: 16_383 };

/** The digits a `numeric`, `numeric(p)` or `numeric(p,s)` type (as format_type writes it) holds. */
export function limitsOfNumericType(type: string): { integerDigits: number; fractionDigits: number } {
  const match = /^numeric(?:\((\d+)(?:,\s*(-?\d+))?\))?$/u.exec(type);
  if (match === null) throw new Error(`${type} is not a numeric type`);
  if (match[1] === undefined) return unconstrainedNumeric;
  const precision = Number(match[1]);
  const scale = Number(match[2] ?? 0);
  return { integerDigits: Math.max(precision - scale, 0), fractionDigits: Math.max(scale, 0) };
}

/**
 * The limits of an amount stored in `table.column` of the newest schema release: the tighter of the column's type (read
 * from @iprs/schema's manifest) and the amount domain. For a value kept outside a numeric column (e.g. in terms_json),
 * pass no column: the domain alone applies. @iprs/schema is loaded on first use, not when the SDK is imported.
 */
export async function amountLimits(column?: { table: string; column: string }): Promise<DecimalLimits> {
  const domain = limitsOfNumericType(amountDomainType);
  if (column === undefined) return { ...domain, source: `the amount domain ${amountDomainType}` };
  const type = await columnType(column.table, column.column);
  const stored = limitsOfNumericType(type);
  return {
    integerDigits: Math.min(stored.integerDigits, domain.integerDigits),
    fractionDigits: Math.min(stored.fractionDigits, domain.fractionDigits),
    source: `${column.table}.${column.column} (${type}) and the amount domain ${amountDomainType}`,
  };
}

async function columnType(table: string, column: string): Promise<string> {
  const { manifestForRelease } = await import('@iprs/schema');
  const type = manifestForRelease()
    .schema.tables.find((candidate) => candidate.name === table)
    ?.columns.find((candidate) => candidate.name === column)?.type;
  if (type === undefined) throw new Error(`the newest schema release has no column ${table}.${column}`);
  return type;
}

const decimalText = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/u;

/**
 * The common case, decided without counting: plain `-?digits(.digits)?` whose digit runs are no longer than the
 * limits (zeros can only shorten the significant ones), as nearly every amount of a bulk load or an ingest is.
 */
function fitsByLength(text: string, limits: DecimalLimits): boolean {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  let point = -1;
  for (let index = start; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 46 && point === -1 && index > start) point = index;
    else if (code < 48 || code > 57) return false;
  }
  const integerDigits = (point === -1 ? text.length : point) - start;
  const fractionDigits = point === -1 ? 0 : text.length - point - 1;
  return (
    integerDigits > 0 &&
    integerDigits <= limits.integerDigits &&
    (point === -1 || (fractionDigits > 0 && fractionDigits <= limits.fractionDigits))
  );
}

/**
 * Why a decimal's text is outside `limits` (counting significant digits: leading and trailing zeros are free), or
 * undefined when it fits or is not a decimal at all (the value's own check reports that). Works on the text, so an
 * exponent such as 1e999999999 is measured, never expanded.
 */
export function decimalLimitProblem(text: string, limits: DecimalLimits): string | undefined {
  if (fitsByLength(text, limits)) return undefined;
  const match = decimalText.exec(text.trim());
  if (match === null) return undefined;
  const [, integer = '', fraction = '', exponent = '0'] = match;
  const digits = `${integer}${fraction}`;
  const firstSignificant = digits.search(/[1-9]/u);
  if (firstSignificant === -1) return undefined;
  let lastSignificant = digits.length - 1;
  while (digits[lastSignificant] === '0') lastSignificant -= 1;
  const point = integer.length + Number(exponent);
  const integerDigits = Math.max(point - firstSignificant, 0);
  const fractionDigits = Math.max(lastSignificant + 1 - point, 0);
  if (integerDigits > limits.integerDigits) {
    return `has ${digitCount(integerDigits)} digits before the decimal point; at most ${limits.integerDigits} are allowed (${limits.source})`;
  }
  if (fractionDigits > limits.fractionDigits) {
    return `has ${digitCount(fractionDigits)} digits after the decimal point; at most ${limits.fractionDigits} are allowed (${limits.source})`;
  }
  return undefined;
}

/** An exponent too long for a double makes the count infinite. */
const digitCount = (count: number) => (Number.isFinite(count) ? String(count) : 'more than 10^308');

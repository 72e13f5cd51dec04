import pg from 'pg';

/** A probe value written into its statement as a literal cast to the column's type: `'abc'::text`, `NULL::integer`. */
export function typedLiteral(value: string | null, type: string): string {
  return `${value === null ? 'NULL' : pg.escapeLiteral(value)}::${type}`;
}

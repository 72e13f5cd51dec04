/**
 * A temporary function, created inside the probe transaction (so it goes with its ROLLBACK), that runs a row and the
 * parents it needs as one call: each INSERT in turn, a parent's returned key written into the statements after it in
 * place of its reference token, so a chain of N inserts costs one round trip instead of N. Each INSERT stays its own
 * statement (its triggers and foreign-key checks fire as they did); an error is the failing INSERT's own.
 */
export const probeRowsFunction = 'pg_temp.iprs_probe_rows';

export const createProbeRowsFunction = `CREATE FUNCTION ${probeRowsFunction}(statements text[], refs text[]) RETURNS jsonb
LANGUAGE plpgsql AS $iprs_probe$
DECLARE
  inserted jsonb[] := '{}';
  statement text;
  returned jsonb;
  ref integer;
BEGIN
  FOREACH statement IN ARRAY statements LOOP
    FOR ref IN 1..coalesce(cardinality(refs), 0) LOOP
      statement := replace(statement, '@iprs_probe_ref_' || ref || '@', quote_nullable(
        inserted[split_part(refs[ref], ',', 1)::integer] ->> substr(refs[ref], strpos(refs[ref], ',') + 1)));
    END LOOP;
    EXECUTE statement INTO returned;
    inserted := array_append(inserted, returned);
  END LOOP;
  RETURN to_jsonb(inserted);
END
$iprs_probe$`;

/** Where a statement takes the value of column `column` of the row that statement number `step` (0-based) returned. */
export function referenceToken(reference: number): string {
  return `@iprs_probe_ref_${reference + 1}@`;
}

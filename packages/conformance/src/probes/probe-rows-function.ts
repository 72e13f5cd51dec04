import { typedLiteral } from './typed-literal.js';

/**
 * Temporary functions, created inside the probe transaction (so they go with its ROLLBACK), that let one round trip do
 * what took several.
 *
 * `iprs_probe_rows(chain)` runs a chain of statements in turn, each returning one jsonb value (an INSERT returns its row):
 * a value an earlier statement returned is written into the statements after it in place of its reference token, so a
 * row, the parents it needs and the statements that inspect it cost one round trip instead of one each. Each statement
 * stays its own statement (its triggers and foreign-key checks fire as they did); an error is the failing statement's
 * own, and ends the call.
 *
 * `iprs_probe_trials(chains)` runs each chain in a subtransaction that is always rolled back, as a savepoint before and
 * a ROLLBACK TO after it would, and answers per chain the values it returned, or the SQLSTATE (and constraint) that
 * refused it and which statement it refused. A
 * statement timeout is not caught (PL/pgSQL's OTHERS leaves query_canceled alone): it ends the call.
 */
const probeRowsFunction = 'pg_temp.iprs_probe_rows';
const probeTrialsFunction = 'pg_temp.iprs_probe_trials';

const probeStatementFunction = 'pg_temp.iprs_probe_statement';

export const createProbeFunctions = `CREATE FUNCTION ${probeStatementFunction}(statement text, refs text[], returned_values jsonb[])
RETURNS jsonb LANGUAGE plpgsql AS $iprs_probe$
DECLARE
  returned jsonb;
  ref integer;
BEGIN
  FOR ref IN 1..coalesce(cardinality(refs), 0) LOOP
    statement := replace(statement, '@iprs_probe_ref_' || ref || '@', quote_nullable(
      returned_values[split_part(refs[ref], ',', 1)::integer] ->> substr(refs[ref], strpos(refs[ref], ',') + 1)));
  END LOOP;
  EXECUTE statement INTO returned;
  RETURN returned;
END
$iprs_probe$; CREATE FUNCTION ${probeRowsFunction}(chain jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $iprs_probe$
DECLARE
  refs text[] := ARRAY(SELECT jsonb_array_elements_text(chain -> 'refs'));
  returned_values jsonb[] := '{}';
  statement text;
BEGIN
  FOR statement IN SELECT jsonb_array_elements_text(chain -> 'statements') LOOP
    returned_values := array_append(returned_values, ${probeStatementFunction}(statement, refs, returned_values));
  END LOOP;
  RETURN to_jsonb(returned_values);
END
$iprs_probe$; CREATE FUNCTION ${probeTrialsFunction}(chains jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $iprs_probe$
DECLARE
  outcomes jsonb := '[]';
  chain jsonb;
  refs text[];
  returned_values jsonb[];
  statement text;
  refused text;
  refused_by text;
  refusal text;
BEGIN
  FOR chain IN SELECT value FROM jsonb_array_elements(chains) LOOP
    refs := ARRAY(SELECT jsonb_array_elements_text(chain -> 'refs'));
    returned_values := '{}';
    BEGIN
      FOR statement IN SELECT jsonb_array_elements_text(chain -> 'statements') LOOP
        returned_values := array_append(returned_values, ${probeStatementFunction}(statement, refs, returned_values));
      END LOOP;
      RAISE SQLSTATE 'IPRSU';
    EXCEPTION
      WHEN SQLSTATE 'IPRSU' THEN
        outcomes := outcomes || jsonb_build_array(jsonb_build_object('values', to_jsonb(returned_values)));
      WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS refused = RETURNED_SQLSTATE, refused_by = CONSTRAINT_NAME, refusal = MESSAGE_TEXT;
        -- Local variables keep their values through the rollback: the statement that failed is the next one.
        outcomes := outcomes || jsonb_build_array(jsonb_build_object('refused', refused, 'constraint', refused_by,
          'message', refusal, 'step', coalesce(cardinality(returned_values), 0), 'values', to_jsonb(returned_values)));
    END;
  END LOOP;
  RETURN outcomes;
END
$iprs_probe$`;

/** Statements run as one chain; `refs[n]` is `step,column`: token n + 1 stands for that value of statement `step`. */
export interface ProbeChain {
  readonly statements: readonly string[];
  readonly refs: readonly string[];
}

/** Where a statement takes the value of a column of the row an earlier statement of its chain returned. */
export function referenceToken(reference: number): string {
  return `@iprs_probe_ref_${reference + 1}@`;
}

/** `SELECT pg_temp.iprs_probe_rows('{…}'::jsonb)`: the chain as one literal, which a replay can read back. */
export function probeRowsCall(chain: ProbeChain): string {
  return `SELECT ${probeRowsFunction}(${typedLiteral(JSON.stringify(chain), 'jsonb')}) AS chain_values`;
}

export function probeTrialsCall(chains: readonly ProbeChain[]): string {
  return `SELECT ${probeTrialsFunction}(${typedLiteral(JSON.stringify(chains), 'jsonb')}) AS outcomes`;
}

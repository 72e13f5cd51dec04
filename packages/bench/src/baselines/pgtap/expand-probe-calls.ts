import { literal } from './sql-literal.js';

type StatementOutcome =
  | { readonly ok: true; readonly rowCount: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface ExpandedStatement {
  readonly text: string;
  readonly outcome: StatementOutcome;
}

interface ProbeChain {
  readonly statements: readonly string[];
  readonly refs: readonly string[];
}

interface TrialOutcome {
  readonly values?: readonly unknown[];
  readonly refused?: string;
  readonly message?: string;
  readonly step?: number;
}

const probeCall = /^SELECT pg_temp\.iprs_probe_(rows|trials)\(\s*(E?)'((?:[^']|'')*)'::jsonb\) AS \w+$/;
const insertStatement = /^INSERT INTO /;
const countingStatement =
  /^WITH probe_statement AS \(([\s\S]*) RETURNING 1\) SELECT to_jsonb\(count\(\*\)\) FROM probe_statement$/;

/**
 * The statements one call of the probes' temporary functions stands for, as the probes sent them one by one before they
 * were batched, so the pgTAP file asserts the same behaviours statement for statement whether iprs batches them or not:
 * the INSERTs of a row and its parents (as one call of `iprs_probe_rows`, as before, or the lone INSERT), then each
 * statement that inspected the row, its references to the row written in as the values the call returned. A trials
 * call is each of its chains so expanded, a refused chain up to the statement refused, which the replay expects refused
 * with the same SQLSTATE and message. Null for any other statement.
 */
export function expandProbeCall(text: string, result: unknown): ExpandedStatement[] | null {
  const call = probeCall.exec(text);
  if (!call) return null;
  const [, kind, escaped, quoted] = call;
  const unquoted = (quoted ?? '').replaceAll("''", "'");
  const argument: unknown = JSON.parse(escaped === 'E' ? unquoted.replaceAll('\\\\', '\\') : unquoted);
  if (kind === 'rows') return expandChain(argument as ProbeChain, result as readonly unknown[] | null);
  const chains = argument as readonly ProbeChain[];
  const outcomes = result as readonly TrialOutcome[];
  return chains.flatMap((chain, index): ExpandedStatement[] => {
    const outcome = outcomes[index];
    const refusal =
      outcome?.refused === undefined
        ? null
        : { step: outcome.step ?? 0, code: outcome.refused, message: outcome.message ?? '' };
    return expandChain(chain, outcome?.values ?? null, refusal);
  });
}

/** The chain's statements up to the one refused (`refusal.step`, which is then refused in the replay too). */
function expandChain(
  chain: ProbeChain,
  values: readonly unknown[] | null,
  refusal: { readonly step: number; readonly code: string; readonly message: string } | null = null,
): ExpandedStatement[] {
  const inserts = chain.statements.filter((statement) => insertStatement.test(statement));
  const refused = { ok: false, code: refusal?.code ?? '', message: refusal?.message ?? '' } as const;
  const insertsRefused = refusal !== null && refusal.step < inserts.length;
  const expanded: ExpandedStatement[] = [
    {
      text: insertsOf({ ...chain, statements: inserts }),
      outcome: insertsRefused ? refused : { ok: true, rowCount: 1 },
    },
  ];
  if (insertsRefused) return expanded;
  const followUps = chain.statements.slice(inserts.length, refusal ? refusal.step + 1 : undefined);
  followUps.forEach((statement, index) => {
    const step = inserts.length + index;
    const written = writeReferences(statement, chain.refs, values ?? []);
    const value = values?.[step] ?? null;
    expanded.push({
      text: countingStatement.exec(written)?.[1] ?? written,
      outcome: step === refusal?.step ? refused : { ok: true, rowCount: value === null ? 0 : 1 },
    });
  });
  return expanded;
}

/** A lone INSERT as itself; a row with parents as the one call of `iprs_probe_rows` it always was. */
function insertsOf(chain: ProbeChain): string {
  const [only] = chain.statements;
  if (chain.statements.length === 1 && only !== undefined) return only;
  return `SELECT pg_temp.iprs_probe_rows(${literal(JSON.stringify(chain))}::jsonb) AS chain_values`;
}

/** Token n (`@iprs_probe_ref_n@`) stands for column c of the value statement s returned, `refs[n - 1]` being `s,c`. */
function writeReferences(statement: string, refs: readonly string[], values: readonly unknown[]): string {
  return statement.replace(/@iprs_probe_ref_(\d+)@/g, (_, reference: string) => {
    const [step, ...column] = (refs[Number(reference) - 1] ?? '').split(',');
    const row = values[Number(step) - 1] as Record<string, string | null> | null | undefined;
    const value = row?.[column.join(',')];
    return value === null || value === undefined ? 'NULL' : literal(value);
  });
}

import type { ForeignKeySnapshot, SchemaSnapshot, TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { databaseError, rethrowUnlessRejection } from './database-error.js';
import { probeRowsCall, probeTrialsCall, referenceToken, type ProbeChain } from './probe-rows-function.js';
import type { ProbeSession } from './probe-session.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { drawsFromSequence, probeValue, type ProbeValue } from './probe-values.js';
import { typedLiteral } from './typed-literal.js';

/** A row a probe inserted: every column's value as text (null for SQL NULL). */
export type ProbeRow = Readonly<Record<string, string | null>>;

/** A foreign-key value taken from the row an earlier statement of the same chain returned. */
export interface ParentReference {
  readonly step: number;
  readonly column: string;
}

/** One INSERT of a chained row: its table and the values fixed for it (a parent's key as a reference). */
interface ChainStep {
  readonly table: TableSnapshot;
  readonly fixed: ReadonlyMap<string, ProbeValue | null | ParentReference>;
}

/** The row a chain inserts, as statements that follow it in the same chain can name it. */
export interface ChainedRow {
  /** The values the INSERT gives, by column; a parent's key is a reference to the row that parent's INSERT returned. */
  readonly input: Readonly<Record<string, ProbeValue | null | ParentReference>>;
  /** `a = …::type AND …`: the row by `columns` (its primary key by default), the values it will have been given. */
  readonly key: (columns?: readonly string[]) => string;
  /** A value of `input` as an SQL expression of `type`. */
  readonly value: (value: ProbeValue | null | ParentReference, type: string) => string;
}

/** What became of a chain tried and rolled back: the values it returned, or SQLSTATE `code` by `constraint`. */
export type TrialOutcome =
  | { readonly accepted: true; readonly values: readonly unknown[] }
  | {
      readonly accepted: false;
      readonly code: string;
      readonly constraint: string | null;
      /** Which statement of the chain was refused (0-based). */
      readonly step: number;
    };

/** Whether statement `step` of the chain was refused with one of `codes` by constraint `constraint`. */
export function refusedBy(
  outcome: TrialOutcome | undefined,
  step: number,
  codes: readonly string[],
  constraint: string,
): boolean {
  return (
    outcome?.accepted === false &&
    outcome.step === step &&
    codes.includes(outcome.code) &&
    outcome.constraint === constraint
  );
}

/** A row with its parents and the statements about it, planned as one chain. */
export interface PlannedChain {
  readonly chain: ProbeChain;
  /** How many INSERTs come first; the statements `then` wrote follow. */
  readonly inserts: number;
  /** The inserted row and the values of the statements after it; null when an INSERT returned no row. */
  readonly read: (values: readonly unknown[]) => ReadChain | null;
}

export interface ReadChain {
  readonly inserted: InsertedProbeRow;
  readonly values: readonly unknown[];
}

export interface InsertedProbeRow {
  /** The row as RETURNING showed it. */
  readonly row: ProbeRow;
  /** The values the INSERT gave explicitly, by column (null: NULL); columns left out took their defaults. */
  readonly input: Readonly<Record<string, ProbeValue | null>>;
}

const attempts = 3;

/** What an INSERT returns: the whole row, or only the named columns, each as text (null for NULL). */
type Returning = 'row' | readonly string[];

function returningRow(returning: Returning): string {
  if (returning === 'row')
    return `(SELECT jsonb_object_agg(key, value #>> '{}') FROM jsonb_each(to_jsonb(probe_row.*)))`;
  const pairs = returning.map((name) => `${typedLiteral(name, 'text')}, to_jsonb(probe_row.${q(name)}) #>> '{}'`);
  return `jsonb_build_object(${pairs.join(', ')})`;
}

/** A probe value as an SQL expression of `type`. */
export function probeValueSql(value: ProbeValue | null, type: string): string {
  if (value === null) return `NULL::${type}`;
  return 'sql' in value ? `(${value.sql})::${type}` : typedLiteral(value.text, type);
}

/**
 * Inserts valid rows derived from the manifest, parents first: a NOT NULL foreign key gets a freshly inserted parent,
 * nullable columns without a default stay NULL, defaults are used except where they would draw from a sequence (a
 * sequence advance survives ROLLBACK, so such columns get a random negative value instead). Each insert runs in its
 * own savepoint (sent with the INSERT: see ProbeSession) and is retried with new random values when it collides with an
 * existing row, and with optional columns filled in when a CHECK across columns needs them.
 */
export class ProbeRowBuilder {
  readonly #session: ProbeSession;
  readonly #tables: ReadonlyMap<string, TableSnapshot>;

  readonly #chained: boolean;

  /** `chained`: the probe transaction has the probe-rows function, so a row and its parents go in one round trip. */
  constructor(session: ProbeSession, schema: SchemaSnapshot, options: { readonly chained?: boolean } = {}) {
    this.#session = session;
    this.#tables = new Map(schema.tables.map((table) => [table.name, table]));
    this.#chained = options.chained ?? false;
  }

  table(name: string): TableSnapshot {
    const table = this.#tables.get(name);
    if (!table) throw new ProbeSetupError(`table ${name} is not in the manifest`);
    return table;
  }

  /** Inserts one row into `tableName`; `overrides` fixes columns (a null override inserts NULL). */
  async insert(tableName: string, overrides: Readonly<Record<string, ProbeValue | null>> = {}): Promise<ProbeRow> {
    return (await this.#insertWithParents(tableName, overrides)).row;
  }

  /** Like insert, and also says which values the INSERT gave. */
  async insertWithInput(tableName: string): Promise<InsertedProbeRow> {
    return this.#insertWithParents(tableName, {});
  }

  /**
   * The chain for a row and the parents it needs, as the first attempt of the one-by-one path would insert them,
   * followed by the statements `then` writes about the row; `read` takes the values the chain returned apart, and is
   * null when an INSERT returned no row (a trigger or rule swallowed it: the one-by-one path says so). Null when no chain
   * can be planned (the one-by-one path reports why). May throw ProbeSetupError from `then`.
   */
  planThen(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null>>,
    then: (row: ChainedRow) => readonly string[] = () => [],
    options: { readonly wholeRow?: boolean } = {},
  ): PlannedChain | null {
    return this.#plan(
      (steps) => [this.#planChain(tableName, overrides, [], steps)],
      ([row]) => (row ? then(row) : []),
      options,
    );
  }

  /**
   * Like planThen, for a row of `foreignKey.referencedTable` and then a row of `tableName` referencing it through
   * `foreignKey`; `then` names both. The child row is returned whole.
   */
  planChildOf(
    tableName: string,
    foreignKey: ForeignKeySnapshot,
    then: (parent: ChainedRow, child: ChainedRow) => readonly string[],
  ): PlannedChain | null {
    return this.#plan(
      (steps) => {
        const parentStep = this.#planChain(foreignKey.referencedTable, {}, [], steps);
        const references = foreignKey.columns.map((name, index) => [
          name,
          { step: parentStep, column: foreignKey.referencedColumns[index] ?? '' },
        ]);
        return [parentStep, this.#planChain(tableName, Object.fromEntries(references), [], steps)];
      },
      ([parent, child]) => (parent && child ? then(parent, child) : []),
      { wholeRow: true },
    );
  }

  /**
   * The chain of INSERTs `planSteps` lays out (returning the steps of the rows `then` is told about, the last one the
   * chain's row), then `then`'s statements. Each INSERT returns only what the statements after it name (a parent its
   * referenced key, a row what `then` names; the last row whole when asked), as text: turning a whole row into text
   * values costs the server more than the INSERT itself.
   */
  #plan(
    planSteps: (steps: ChainStep[]) => readonly number[],
    then: (rows: readonly ChainedRow[]) => readonly string[],
    options: { readonly wholeRow?: boolean },
  ): PlannedChain | null {
    const steps: ChainStep[] = [];
    let rowSteps: readonly number[];
    try {
      rowSteps = planSteps(steps);
    } catch {
      return null;
    }
    const named = steps.map(() => new Set<string>());
    for (const { fixed } of steps) {
      for (const value of fixed.values()) if (value !== null && 'step' in value) named[value.step]?.add(value.column);
    }
    const refs: string[] = [];
    const reference = (parent: ParentReference) => {
      named[parent.step]?.add(parent.column);
      refs.push(`${parent.step + 1},${parent.column}`);
      return referenceToken(refs.length - 1);
    };
    const built = steps.map(({ table, fixed }) => this.#insertStatement(table, fixed, new Set(), reference));
    const rowStep = steps.length - 1;
    const followUps = then(
      rowSteps.map((step): ChainedRow => {
        const table = steps[step]?.table as TableSnapshot;
        return {
          input: built[step]?.input ?? {},
          key: (columns = table.primaryKey?.columns ?? []) => {
            if (columns.length === 0) {
              throw new ProbeSetupError(`${table.name} has no primary key to find the probe row by`);
            }
            return columns
              .map((name) => `${q(name)} = ${reference({ step, column: name })}::${this.#columnType(table, name)}`)
              .join(' AND ');
          },
          value: (value, type) =>
            value !== null && 'step' in value ? `${reference(value)}::${type}` : probeValueSql(value, type),
        };
      }),
    );
    const inserts = built.map(({ text }, step) =>
      text(step === rowStep && options.wholeRow ? 'row' : [...(named[step] ?? [])]),
    );
    const statements = [...inserts, ...followUps];
    const input = built[rowStep]?.input ?? {};
    return {
      chain: { statements, refs },
      inserts: inserts.length,
      read: (values) => {
        const row = values[rowStep] as ProbeRow | null | undefined;
        if (values.length !== statements.length || !row || values.slice(0, rowStep).some((parent) => !parent)) {
          return null;
        }
        return { inserted: { row, input: this.#resolveInput(input, values) }, values: values.slice(rowStep + 1) };
      },
    };
  }

  /**
   * Runs each chain in a subtransaction rolled back after it, all in one round trip, and says what became of each: the
   * values it returned, or the SQLSTATE (and constraint) that refused it. Only the planned attempt is made (no retry
   * with other values or columns filled in). Null when this transaction cannot (no TEMP privilege) or the call was
   * refused as a whole; a timeout or a lost connection is rethrown, as the one-by-one path would meet it.
   */
  async trials(chains: readonly ProbeChain[]): Promise<readonly TrialOutcome[] | null> {
    if (!this.#chained || chains.length === 0) return null;
    type Outcome = { values?: unknown[]; refused?: string; constraint?: string; step?: number };
    let outcomes: readonly Outcome[] | undefined;
    try {
      outcomes = (await this.#session.query<{ outcomes: Outcome[] }>(probeTrialsCall(chains))).rows[0]?.outcomes;
    } catch (error) {
      rethrowUnlessRejection(error);
      return null;
    }
    if (outcomes?.length !== chains.length) return null;
    return outcomes.map(({ values, refused, constraint, step }): TrialOutcome => {
      if (refused !== undefined) {
        return { accepted: false, code: refused, constraint: constraint || null, step: step ?? -1 };
      }
      return { accepted: true, values: values ?? [] };
    });
  }

  async #insertWithParents(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null>>,
  ): Promise<InsertedProbeRow> {
    const planned = this.#chained ? this.planThen(tableName, overrides, undefined, { wholeRow: true }) : null;
    // A row without parents saves no round trip by going through the function.
    const chained = planned && planned.chain.statements.length > 1 ? await this.#runChain(planned) : null;
    return chained?.inserted ?? this.#insert(tableName, overrides, []);
  }

  /** Runs a planned chain in a savepoint of its own; what it read, or null (and nothing left behind). */
  async #runChain(planned: PlannedChain): Promise<ReadChain | null> {
    this.#session.later('SAVEPOINT iprs_probe_chain');
    let read: ReadChain | null = null;
    try {
      const result = await this.#session.query<{ chain_values: unknown[] }>(probeRowsCall(planned.chain));
      const values = result.rows[0]?.chain_values;
      read = values ? planned.read(values) : null;
    } catch (error) {
      // A timeout, a lost connection or a role that may not write would meet the one-by-one path the same way.
      rethrowUnlessRejection(error);
    }
    if (read) {
      this.#session.later('RELEASE SAVEPOINT iprs_probe_chain');
    } else {
      this.#session.later('ROLLBACK TO SAVEPOINT iprs_probe_chain', 'RELEASE SAVEPOINT iprs_probe_chain');
    }
    return read;
  }

  /** The values the INSERT gave, parents' keys read from the rows the chain returned. */
  #resolveInput(
    input: Readonly<Record<string, ProbeValue | null | ParentReference>>,
    values: readonly unknown[],
  ): Record<string, ProbeValue | null> {
    const resolved: Record<string, ProbeValue | null> = {};
    for (const [name, value] of Object.entries(input)) {
      if (value === null || !('step' in value)) {
        resolved[name] = value;
      } else {
        const parentValue = (values[value.step] as ProbeRow | null | undefined)?.[value.column];
        resolved[name] = parentValue === null || parentValue === undefined ? null : { text: parentValue };
      }
    }
    return resolved;
  }

  #columnType(table: TableSnapshot, name: string): string {
    return table.columns.find((column) => column.name === name)?.type ?? 'text';
  }

  /** The chain's INSERTs, parents first, in the order the one-by-one path sends them; returns the row's step. */
  #planChain(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null | ParentReference>>,
    chain: readonly string[],
    steps: ChainStep[],
  ): number {
    if (chain.includes(tableName)) throw new ProbeSetupError(`NOT NULL foreign keys form a cycle at ${tableName}`);
    const table = this.table(tableName);
    const fixed = new Map<string, ProbeValue | null | ParentReference>(Object.entries(overrides));
    for (const foreignKey of table.foreignKeys) {
      const required = foreignKey.columns.some((name) => table.columns.find((c) => c.name === name)?.notNull);
      if (!required || foreignKey.columns.every((name) => fixed.has(name))) continue;
      const step = this.#planChain(foreignKey.referencedTable, {}, [...chain, tableName], steps);
      foreignKey.columns.forEach((name, index) =>
        fixed.set(name, { step, column: foreignKey.referencedColumns[index] ?? '' }),
      );
    }
    steps.push({ table, fixed });
    return steps.length - 1;
  }

  async #insert(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null>>,
    chain: readonly string[],
  ): Promise<InsertedProbeRow> {
    if (chain.includes(tableName)) {
      throw new ProbeSetupError(
        `cannot build a row: NOT NULL foreign keys form a cycle (${[...chain, tableName].join(' → ')})`,
      );
    }
    const table = this.table(tableName);
    const fixed = new Map<string, ProbeValue | null>(Object.entries(overrides));
    for (const foreignKey of table.foreignKeys) {
      const required = foreignKey.columns.some((name) => table.columns.find((c) => c.name === name)?.notNull);
      if (!required || foreignKey.columns.every((name) => fixed.has(name))) continue;
      const { row: parent } = await this.#insert(foreignKey.referencedTable, {}, [...chain, tableName]);
      foreignKey.columns.forEach((name, index) => {
        const value = parent[foreignKey.referencedColumns[index] ?? ''];
        fixed.set(name, value === null || value === undefined ? null : { text: value });
      });
    }
    const filled = new Set<string>();
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      this.#session.later('SAVEPOINT iprs_probe_insert');
      try {
        const row = await this.#insertOnce(table, fixed, filled);
        this.#session.later('RELEASE SAVEPOINT iprs_probe_insert');
        return row;
      } catch (error) {
        this.#session.later('ROLLBACK TO SAVEPOINT iprs_probe_insert', 'RELEASE SAVEPOINT iprs_probe_insert');
        lastError = error;
        const toFill = this.#optionalColumnsOfViolatedCheck(table, fixed, filled, error);
        toFill.forEach((name) => filled.add(name));
        if (toFill.length === 0 && !this.#randomValueCollided(table, fixed, error)) break;
      }
    }
    throw lastError;
  }

  async #insertOnce(
    table: TableSnapshot,
    fixed: ReadonlyMap<string, ProbeValue | null>,
    filled: ReadonlySet<string>,
  ): Promise<InsertedProbeRow> {
    const { text, input } = this.#insertStatement(table, fixed, filled, () => {
      throw new Error('a row inserted on its own has no parent references');
    });
    const result = await this.#session.query<{ row: ProbeRow }>(text('row'));
    const row = result.rows[0]?.row;
    if (!row) throw new ProbeSetupError(`INSERT INTO ${table.name} returned no row`);
    return { row, input: input as Record<string, ProbeValue | null> };
  }

  /** The INSERT of one probe row, returning the row as text values; `reference` writes a parent's key in. */
  #insertStatement(
    table: TableSnapshot,
    fixed: ReadonlyMap<string, ProbeValue | null | ParentReference>,
    filled: ReadonlySet<string>,
    reference: (parent: ParentReference) => string,
  ): {
    text: (returning: Returning) => string;
    input: Record<string, ProbeValue | null | ParentReference>;
  } {
    const columns: string[] = [];
    const input: Record<string, ProbeValue | null | ParentReference> = {};
    const expressions: string[] = [];
    let overridingIdentity = false;
    for (const column of table.columns) {
      let value: ProbeValue | null | ParentReference | undefined = fixed.get(column.name);
      if (value === undefined) {
        if (column.generated) continue;
        if (drawsFromSequence(column) || filled.has(column.name)) {
          value = probeValue(table, column);
        } else if (column.default !== null || !column.notNull) {
          continue;
        } else {
          value = probeValue(table, column);
        }
        if (value === null) {
          throw new ProbeSetupError(`no probe value for ${table.name}.${column.name} of type ${column.type}`);
        }
      }
      if (column.identity === 'always') overridingIdentity = true;
      columns.push(q(column.name));
      input[column.name] = value;
      if (value === null) {
        expressions.push('NULL');
      } else if ('step' in value) {
        expressions.push(`${reference(value)}::${column.type}`);
      } else if ('sql' in value) {
        expressions.push(value.sql);
      } else {
        expressions.push(typedLiteral(value.text, column.type));
      }
    }
    const target = columns.length > 0 ? `(${columns.join(', ')})` : '';
    const values = columns.length > 0 ? `VALUES (${expressions.join(', ')})` : 'DEFAULT VALUES';
    const insert = `INSERT INTO ${q(table.name)} AS probe_row ${target} ${overridingIdentity ? 'OVERRIDING SYSTEM VALUE ' : ''}${values}`;
    return { text: (returning) => `${insert}\n       RETURNING ${returningRow(returning)} AS row`, input };
  }

  /**
   * A CHECK that ties columns together (e.g. `status IN ('COMPLETED', 'FAILED')` exactly when `completed_at` is set)
   * can reject a row whose optional columns were left NULL or default: those columns are given values next time.
   * Foreign-key columns are left alone (a value there needs a parent row).
   */
  #optionalColumnsOfViolatedCheck(
    table: TableSnapshot,
    fixed: ReadonlyMap<string, ProbeValue | null>,
    filled: ReadonlySet<string>,
    error: unknown,
  ): string[] {
    const fields = databaseError(error);
    if (fields?.code !== '23514') return [];
    const check = table.checks.find((candidate) => candidate.name === fields.constraint);
    const foreignKeyColumns = new Set(table.foreignKeys.flatMap((foreignKey) => foreignKey.columns));
    return (check?.columns ?? []).filter((name) => {
      const column = table.columns.find((candidate) => candidate.name === name);
      return column && !column.generated && !fixed.has(name) && !filled.has(name) && !foreignKeyColumns.has(name);
    });
  }

  /** A unique or CHECK violation on a column whose value was made up randomly: another draw may succeed. */
  #randomValueCollided(table: TableSnapshot, fixed: ReadonlyMap<string, ProbeValue | null>, error: unknown): boolean {
    const fields = databaseError(error);
    if (fields?.code === '23505') return true;
    if (fields?.code !== '23514') return false;
    const check = table.checks.find((candidate) => candidate.name === fields.constraint);
    return check !== undefined && check.columns.every((column) => !fixed.has(column));
  }
}

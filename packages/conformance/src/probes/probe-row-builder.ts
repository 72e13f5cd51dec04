import type { SchemaSnapshot, TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { databaseError, rethrowUnlessRejection } from './database-error.js';
import { probeRowsFunction, referenceToken } from './probe-rows-function.js';
import type { ProbeSession } from './probe-session.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { drawsFromSequence, probeValue, type ProbeValue } from './probe-values.js';
import { typedLiteral } from './typed-literal.js';

/** A row a probe inserted: every column's value as text (null for SQL NULL). */
export type ProbeRow = Readonly<Record<string, string | null>>;

/** A foreign-key value taken from the row an earlier statement of the same chain returned. */
interface ParentReference {
  readonly step: number;
  readonly column: string;
}

/** One INSERT of a chained row: its table and the values fixed for it (a parent's key as a reference). */
interface ChainStep {
  readonly table: TableSnapshot;
  readonly fixed: ReadonlyMap<string, ProbeValue | null | ParentReference>;
}

export interface InsertedProbeRow {
  /** The row as RETURNING showed it. */
  readonly row: ProbeRow;
  /** The values the INSERT gave explicitly, by column (null: NULL); columns left out took their defaults. */
  readonly input: Readonly<Record<string, ProbeValue | null>>;
}

const attempts = 3;

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

  async #insertWithParents(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null>>,
  ): Promise<InsertedProbeRow> {
    return (
      (this.#chained && (await this.#insertChained(tableName, overrides))) || this.#insert(tableName, overrides, [])
    );
  }

  /**
   * The row and the parents it needs in one round trip, as the first attempt of the one-by-one path would insert them.
   * Resolves to null, with nothing left behind, when that attempt is refused (or a row has no parents to save a round
   * trip on): the one-by-one path then retries, fills in columns and reports exactly as it always did.
   */
  async #insertChained(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null>>,
  ): Promise<InsertedProbeRow | null> {
    const steps: ChainStep[] = [];
    try {
      this.#planChain(tableName, overrides, [], steps);
    } catch {
      return null;
    }
    if (steps.length < 2) return null;
    const references: string[] = [];
    const statements = steps.map(({ table, fixed }) =>
      this.#insertStatement(table, fixed, new Set(), (reference) => {
        references.push(`${reference.step + 1},${reference.column}`);
        return referenceToken(references.length - 1);
      }),
    );
    const array = (texts: readonly string[]) =>
      texts.length === 0 ? `'{}'::text[]` : `ARRAY[${texts.map((text) => typedLiteral(text, 'text')).join(', ')}]`;
    this.#session.later('SAVEPOINT iprs_probe_chain');
    let rows: readonly (ProbeRow | null)[] | undefined;
    try {
      const result = await this.#session.query<{ rows: (ProbeRow | null)[] }>(
        `SELECT ${probeRowsFunction}(${array(statements.map(({ text }) => text))}, ${array(references)}) AS rows`,
      );
      rows = result.rows[0]?.rows;
    } catch (error) {
      // A timeout, a lost connection or a role that may not write would meet the one-by-one path the same way.
      rethrowUnlessRejection(error);
      rows = undefined;
    }
    const row = rows?.at(-1);
    const last = statements.at(-1);
    if (!rows || rows.length !== steps.length || rows.some((returned) => !returned) || !row || !last) {
      this.#session.later('ROLLBACK TO SAVEPOINT iprs_probe_chain', 'RELEASE SAVEPOINT iprs_probe_chain');
      return null;
    }
    this.#session.later('RELEASE SAVEPOINT iprs_probe_chain');
    const input: Record<string, ProbeValue | null> = {};
    for (const [name, value] of Object.entries(last.input)) {
      if (value === null || !('step' in value)) {
        input[name] = value;
      } else {
        const parentValue = rows[value.step]?.[value.column];
        input[name] = parentValue === null || parentValue === undefined ? null : { text: parentValue };
      }
    }
    return { row, input };
  }

  /** The chain's INSERTs, parents first, in the order the one-by-one path sends them; returns the row's step. */
  #planChain(
    tableName: string,
    overrides: Readonly<Record<string, ProbeValue | null>>,
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
    const result = await this.#session.query<{ row: ProbeRow }>(text);
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
  ): { text: string; input: Record<string, ProbeValue | null | ParentReference> } {
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
    const text = `INSERT INTO ${q(table.name)} AS probe_row ${target} ${overridingIdentity ? 'OVERRIDING SYSTEM VALUE ' : ''}${values}
       RETURNING (SELECT jsonb_object_agg(key, value #>> '{}') FROM jsonb_each(to_jsonb(probe_row.*))) AS row`;
    return { text, input };
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

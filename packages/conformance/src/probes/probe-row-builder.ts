import type { SchemaSnapshot, TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { databaseError } from './database-error.js';
import type { ProbeSession } from './probe-session.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { drawsFromSequence, probeValue, type ProbeValue } from './probe-values.js';
import { typedLiteral } from './typed-literal.js';

/** A row a probe inserted: every column's value as text (null for SQL NULL). */
export type ProbeRow = Readonly<Record<string, string | null>>;

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

  constructor(session: ProbeSession, schema: SchemaSnapshot) {
    this.#session = session;
    this.#tables = new Map(schema.tables.map((table) => [table.name, table]));
  }

  table(name: string): TableSnapshot {
    const table = this.#tables.get(name);
    if (!table) throw new ProbeSetupError(`table ${name} is not in the manifest`);
    return table;
  }

  /** Inserts one row into `tableName`; `overrides` fixes columns (a null override inserts NULL). */
  async insert(tableName: string, overrides: Readonly<Record<string, ProbeValue | null>> = {}): Promise<ProbeRow> {
    return (await this.#insert(tableName, overrides, [])).row;
  }

  /** Like insert, and also says which values the INSERT gave. */
  async insertWithInput(tableName: string): Promise<InsertedProbeRow> {
    return this.#insert(tableName, {}, []);
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
    const columns: string[] = [];
    const input: Record<string, ProbeValue | null> = {};
    const expressions: string[] = [];
    let overridingIdentity = false;
    for (const column of table.columns) {
      let value: ProbeValue | null | undefined = fixed.get(column.name);
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
      } else if ('sql' in value) {
        expressions.push(value.sql);
      } else {
        expressions.push(typedLiteral(value.text, column.type));
      }
    }
    const target = columns.length > 0 ? `(${columns.join(', ')})` : '';
    const values = columns.length > 0 ? `VALUES (${expressions.join(', ')})` : 'DEFAULT VALUES';
    const result = await this.#session.query<{ row: ProbeRow }>(
      `INSERT INTO ${q(table.name)} AS probe_row ${target} ${overridingIdentity ? 'OVERRIDING SYSTEM VALUE ' : ''}${values}
       RETURNING (SELECT jsonb_object_agg(key, value #>> '{}') FROM jsonb_each(to_jsonb(probe_row.*))) AS row`,
    );
    const row = result.rows[0]?.row;
    if (!row) throw new ProbeSetupError(`INSERT INTO ${table.name} returned no row`);
    return { row, input };
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

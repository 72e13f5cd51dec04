import { sql, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import { SeenIds } from './seen-ids.js';

const idRow = z.object({ id: z.string() });
type ReferencedTable = 'portfolio_node' | 'instrument' | 'reference_data';
const keyColumns: Readonly<Record<ReferencedTable, string>> = {
  portfolio_node: 'portfolio_node_id',
  instrument: 'instrument_id',
  reference_data: 'entity_id',
};

/**
 * Remembers which ids of a table exist, asking the database only about ids it has not seen, so a file of millions of
 * rows over a few hundred nodes costs a few hundred lookups. The ids are kept compactly (SeenIds): a file naming a
 * million distinct instruments must not hold a million strings on the heap.
 */
export class ReferenceChecker {
  private readonly known = new Map<ReferencedTable, SeenIds>();
  private readonly missing = new Map<ReferencedTable, SeenIds>();

  /** `beforeLookup` runs before each query, e.g. to let a write still in flight on the transaction finish first. */
  public constructor(
    private readonly transaction: DatabaseTransactionConnection,
    private readonly beforeLookup: () => Promise<void> = async () => undefined,
  ) {}

  /**
   * For each table, the ids (of those given) that it does not hold. Works out every table's unseen ids first, so that
   * `beforeLookup` is awaited once, with everything that does not need the transaction done while a write may run.
   */
  public async missingIds<Table extends ReferencedTable>(
    idsByTable: Readonly<Record<Table, readonly string[]>>,
  ): Promise<Record<Table, Set<string>>> {
    const tables = Object.keys(idsByTable) as Table[];
    const unseenByTable = tables.map((table) => {
      const known = this.setOf(this.known, table);
      const missing = this.setOf(this.missing, table);
      return { table, unseen: [...new Set(idsByTable[table])].filter((id) => !known.has(id) && !missing.has(id)) };
    });
    if (unseenByTable.some(({ unseen }) => unseen.length > 0)) await this.beforeLookup();
    for (const { table, unseen } of unseenByTable) {
      if (unseen.length === 0) continue;
      const known = this.setOf(this.known, table);
      const found = await this.transaction.anyFirst(sql.type(idRow)`
        SELECT ${sql.identifier([keyColumns[table]])} AS id FROM ${sql.identifier([table])}
        WHERE ${sql.identifier([keyColumns[table]])} = ANY(${sql.array(unseen, 'text')})
      `);
      for (const id of found) known.add(id);
      const missing = this.setOf(this.missing, table);
      for (const id of unseen) if (!known.has(id)) missing.add(id);
    }
    return Object.fromEntries(tables.map((table) => [table, this.missingAmong(table, idsByTable[table])])) as Record<
      Table,
      Set<string>
    >;
  }

  /** Ids written by this batch itself (e.g. loans' instruments) count as existing. */
  public remember(table: ReferencedTable, ids: Iterable<string>): void {
    const known = this.setOf(this.known, table);
    for (const id of ids) known.add(id);
  }

  private missingAmong(table: ReferencedTable, ids: readonly string[]): Set<string> {
    const known = this.setOf(this.known, table);
    const missing = this.setOf(this.missing, table);
    if (missing.size === 0) return new Set();
    return new Set(ids.filter((id) => missing.has(id) && !known.has(id)));
  }

  private setOf(sets: Map<ReferencedTable, SeenIds>, table: ReferencedTable): SeenIds {
    let set = sets.get(table);
    if (set === undefined) sets.set(table, (set = new SeenIds()));
    return set;
  }
}

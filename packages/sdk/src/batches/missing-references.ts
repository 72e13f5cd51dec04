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

  /** Ids (of the given ones) that the table does not hold. */
  public async missingIds(table: ReferencedTable, ids: Iterable<string>): Promise<Set<string>> {
    const known = this.setOf(this.known, table);
    const missing = this.setOf(this.missing, table);
    const unseen = [...new Set(ids)].filter((id) => !known.has(id) && !missing.has(id));
    if (unseen.length > 0) {
      await this.beforeLookup();
      const found = await this.transaction.anyFirst(sql.type(idRow)`
        SELECT ${sql.identifier([keyColumns[table]])} AS id FROM ${sql.identifier([table])}
        WHERE ${sql.identifier([keyColumns[table]])} = ANY(${sql.array(unseen, 'text')})
      `);
      for (const id of found) known.add(id);
      for (const id of unseen) if (!known.has(id)) missing.add(id);
    }
    return new Set([...ids].filter((id) => missing.has(id) && !known.has(id)));
  }

  /** Ids written by this batch itself (e.g. loans' instruments) count as existing. */
  public remember(table: ReferencedTable, ids: Iterable<string>): void {
    const known = this.setOf(this.known, table);
    for (const id of ids) known.add(id);
  }

  private setOf(sets: Map<ReferencedTable, SeenIds>, table: ReferencedTable): SeenIds {
    let set = sets.get(table);
    if (set === undefined) sets.set(table, (set = new SeenIds()));
    return set;
  }
}

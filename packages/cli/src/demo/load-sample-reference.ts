import { readFile } from 'node:fs/promises';
import {
  createInstrument,
  createNode,
  createReferenceEntity,
  sql,
  type IprsPool,
  type InstrumentCreateInput,
  type PortfolioNodeCreateInput,
  type ReferenceDataCreateInput,
} from '@iprs/sdk';

interface SampleReference {
  issuers: ReferenceDataCreateInput[];
  nodes: PortfolioNodeCreateInput[];
  instruments: InstrumentCreateInput[];
}

export interface ReferenceLoadCounts {
  readonly issuers: number;
  readonly nodes: number;
  readonly instruments: number;
}

/**
 * Loads the sample's issuers (through createReferenceEntity: ISIN/CUSIP check digits, ISO codes), portfolio hierarchy
 * (createNode: the node-type rules) and instruments (createInstrument: the same identifier checks), skipping what is
 * already there. Returns how many were created.
 */
export async function loadSampleReference(pool: IprsPool, file: string): Promise<ReferenceLoadCounts> {
  const sample = JSON.parse(await readFile(file, 'utf8')) as SampleReference;
  const existingIssuers = new Set(
    (await pool.anyFirst(sql.unsafe`SELECT entity_id AS id FROM reference_data`)) as string[],
  );
  const existingNodes = new Set(
    (await pool.anyFirst(sql.unsafe`SELECT portfolio_node_id AS id FROM portfolio_node`)) as string[],
  );
  const existingInstruments = new Set(
    (await pool.anyFirst(sql.unsafe`SELECT instrument_id AS id FROM instrument`)) as string[],
  );

  const issuers = await createMissing(
    sample.issuers,
    existingIssuers,
    (row) => String(row.entity_id),
    (row) => createReferenceEntity(pool, row),
  );
  const nodes = await createMissing(
    sample.nodes,
    existingNodes,
    (row) => String(row.portfolio_node_id),
    (row) => createNode(pool, row),
  );
  const instruments = await createMissing(
    sample.instruments,
    existingInstruments,
    (row) => row.instrument_id,
    (row) => createInstrument(pool, row),
  );
  return { issuers, nodes, instruments };
}

/** Creates, in order, each row whose id is not in `existing`; returns how many it created. */
async function createMissing<T>(
  rows: readonly T[],
  existing: ReadonlySet<string>,
  idOf: (row: T) => string,
  create: (row: T) => Promise<unknown>,
): Promise<number> {
  let created = 0;
  for (const row of rows) {
    if (existing.has(idOf(row))) continue;
    await create(row);
    created += 1;
  }
  return created;
}

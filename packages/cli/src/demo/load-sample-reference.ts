import { readFile } from 'node:fs/promises';
import {
  checkCusip,
  checkIsin,
  createNode,
  createReferenceEntity,
  instrumentCreateInputSchema,
  parseInput,
  sql,
  ValidationError,
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
 * (createNode: the node-type rules) and instruments, skipping what is already there. Returns how many were created.
 */
export async function loadSampleReference(pool: IprsPool, file: string): Promise<ReferenceLoadCounts> {
  const sample = JSON.parse(await readFile(file, 'utf8')) as SampleReference;
  const existingIssuers = new Set((await pool.anyFirst(sql.unsafe`SELECT entity_id AS id FROM reference_data`)) as string[]);
  const existingNodes = new Set((await pool.anyFirst(sql.unsafe`SELECT portfolio_node_id AS id FROM portfolio_node`)) as string[]);
  const existingInstruments = new Set((await pool.anyFirst(sql.unsafe`SELECT instrument_id AS id FROM instrument`)) as string[]);

  let issuers = 0;
  for (const issuer of sample.issuers.filter((row) => !existingIssuers.has(String(row.entity_id)))) {
    await createReferenceEntity(pool, issuer);
    issuers += 1;
  }
  let nodes = 0;
  for (const node of sample.nodes.filter((row) => !existingNodes.has(String(row.portfolio_node_id)))) {
    await createNode(pool, node);
    nodes += 1;
  }
  const instruments = sample.instruments
    .filter((row) => !existingInstruments.has(row.instrument_id))
    .map((row) => {
      const instrument = parseInput(instrumentCreateInputSchema, row, `instrument ${row.instrument_id}`);
      const isin = instrument.isin ? checkIsin(instrument.isin) : undefined;
      const cusip = instrument.cusip ? checkCusip(instrument.cusip) : undefined;
      if (isin?.valid === false) throw new ValidationError([{ field: 'isin', message: isin.reason }], `instrument ${row.instrument_id}`);
      if (cusip?.valid === false) throw new ValidationError([{ field: 'cusip', message: cusip.reason }], `instrument ${row.instrument_id}`);
      return instrument;
    });
  if (instruments.length > 0) {
    const column = <K extends keyof (typeof instruments)[number]>(key: K) => instruments.map((row) => row[key] ?? null);
    await pool.query(sql.unsafe`
      INSERT INTO instrument (instrument_id, instrument_type, name, currency, isin, cusip, issuer_entity_id, maturity_date, terms_json)
      SELECT instrument_id, instrument_type, name, currency, isin, cusip, issuer_entity_id, maturity_date::date, terms_json::jsonb
      FROM unnest(
        ${sql.array(column('instrument_id') as string[], 'text')}, ${sql.array(column('instrument_type') as string[], 'text')},
        ${sql.array(column('name') as string[], 'text')}, ${sql.array(column('currency') as string[], 'text')},
        ${sql.array(column('isin') as string[], 'text')}, ${sql.array(column('cusip') as string[], 'text')},
        ${sql.array(column('issuer_entity_id') as string[], 'text')}, ${sql.array(column('maturity_date') as string[], 'text')},
        ${sql.array(instruments.map((row) => JSON.stringify(row.terms_json)), 'text')}
      ) AS sample (instrument_id, instrument_type, name, currency, isin, cusip, issuer_entity_id, maturity_date, terms_json)
      ON CONFLICT (instrument_id) DO NOTHING
    `);
  }
  return { issuers, nodes, instruments: instruments.length };
}

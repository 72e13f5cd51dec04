import { createNode, sql, type DatabaseConnection } from '../../src/index.js';

/** Instruments the tests hold positions in. */
export const seedInstruments = async (connection: DatabaseConnection, ids: readonly string[]): Promise<void> => {
  await connection.query(sql.unsafe`
    INSERT INTO instrument (instrument_id, instrument_type, name, currency)
    SELECT id, 'BOND', 'Bond ' || id, 'USD' FROM unnest(${sql.array(ids, 'text')}) AS id
    ON CONFLICT (instrument_id) DO NOTHING
  `);
};

/** FUND > DESK > BOOK > STRATEGY, ids prefixed so several trees can live in one database. */
export const seedTree = async (connection: DatabaseConnection, prefix: string) => {
  const fund = await createNode(connection, {
    portfolio_node_id: `${prefix}-FUND`,
    name: `${prefix} fund`,
    node_type: 'FUND',
  });
  const desk = await createNode(connection, {
    portfolio_node_id: `${prefix}-DESK`,
    parent_id: fund.portfolio_node_id,
    name: `${prefix} desk`,
    node_type: 'DESK',
  });
  const book = await createNode(connection, {
    portfolio_node_id: `${prefix}-BOOK`,
    parent_id: desk.portfolio_node_id,
    name: `${prefix} book`,
    node_type: 'BOOK',
  });
  const strategy = await createNode(connection, {
    portfolio_node_id: `${prefix}-STRAT`,
    parent_id: book.portfolio_node_id,
    name: `${prefix} strategy`,
    node_type: 'STRATEGY',
  });
  return { fund, desk, book, strategy };
};

export const countRows = async (
  connection: DatabaseConnection,
  table: 'position' | 'portfolio_node' | 'portfolio_snapshot' | 'fx_spot',
) => Number(await connection.oneFirst(sql.unsafe`SELECT count(*) FROM ${sql.identifier([table])}`));

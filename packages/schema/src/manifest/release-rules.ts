/**
 * The rules SCHEMA-SPEC.md states about releases, as data, so `@iprs/conformance` can check them on a live database
 * independently of the generated manifest (a manifest regenerated from a wrong sql/ would not catch a wrong sql/).
 */
export type ReleaseRule = ReleaseTablesRule | ReleaseIndexCountRule | RequiredForeignKeyRule | ForeignKeysIndexedRule;

/** The release introduces exactly these tables (and no others). */
export interface ReleaseTablesRule {
  readonly kind: 'release-tables';
  readonly release: string;
  readonly tables: readonly string[];
}

/** The release's tables carry at least this many indexes besides primary keys (unique constraints count). */
export interface ReleaseIndexCountRule {
  readonly kind: 'release-index-count';
  readonly release: string;
  readonly atLeast: number;
}

/** A foreign key that must exist, whatever it is named. */
export interface RequiredForeignKeyRule {
  readonly kind: 'required-foreign-key';
  readonly release: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
}

/** Every foreign key has an index whose leading columns are its referencing columns. */
export interface ForeignKeysIndexedRule {
  readonly kind: 'foreign-keys-indexed';
  readonly release: string;
}

export const releaseRules: readonly ReleaseRule[] = [
  { kind: 'foreign-keys-indexed', release: '001' },
  {
    kind: 'release-tables',
    release: '002',
    tables: [
      'data_lineage',
      'fx_spot',
      'ingestion_batch',
      'market_data_feed',
      'portfolio_node',
      'portfolio_snapshot',
      'position',
      'rating_history',
      'reference_data',
    ],
  },
  { kind: 'release-index-count', release: '002', atLeast: 12 },
  {
    kind: 'required-foreign-key',
    release: '002',
    table: 'position',
    columns: ['instrument_id'],
    referencedTable: 'instrument',
    referencedColumns: ['instrument_id'],
  },
];

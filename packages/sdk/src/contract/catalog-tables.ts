/**
 * The part of the catalog model (`CatalogModel.snapshot` from `@iprs/schema/catalog`, what `iprs verify` reads) that
 * the contract check compares with. Structural, so the SDK needs no runtime dependency to accept it.
 */
export interface CatalogTables {
  readonly tables: readonly CatalogTable[];
}

export interface CatalogTable {
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
}

export interface CatalogColumn {
  readonly name: string;
  /** As format_type() spells it: `bigint`, `numeric(28,10)`, `timestamp with time zone`, `text[]`. */
  readonly type: string;
  /** False for a NOT NULL left NOT VALID: it does not prove existing rows. */
  readonly notNull: boolean;
}

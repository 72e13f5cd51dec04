// Entry point `@iprs/sdk/contract`: the row-schema contract check alone, for code that compares a catalog it already
// read (`iprs verify`) without loading the SDK's data access (slonik, the connection pool); the root entry exports it too.
export {
  checkRowSchemasAgainstCatalog,
  type ContractCheckOptions,
} from './contract/check-row-schemas-against-catalog.js';
export {
  checkColumnsAgainstCatalog,
  type ContractCheckResult,
  type ContractProblem,
  type ContractProblemKind,
} from './contract/check-columns-against-catalog.js';
export { rowSchemaColumns, type ContractColumn, type ContractTableColumns } from './contract/row-schema-columns.js';
export type { CatalogColumn, CatalogTable, CatalogTables } from './contract/catalog-tables.js';

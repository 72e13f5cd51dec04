// Entry point `@iprs/sdk/contract-columns`: the contract check on the row schemas' columns as written out at build time,
// for `iprs verify`: unlike `@iprs/sdk/contract` it evaluates neither zod nor the row schemas. The root entry exports it too.
export {
  checkColumnsAgainstCatalog,
  type ContractCheckResult,
  type ContractProblem,
  type ContractProblemKind,
} from './contract/check-columns-against-catalog.js';
export { rowSchemaColumns, type ContractColumn, type ContractTableColumns } from './contract/row-schema-columns.js';
export type { CatalogColumn, CatalogTable, CatalogTables } from './contract/catalog-tables.js';

export {
  checkRowSchemasAgainstCatalog,
  type ContractCheckOptions,
  type ContractCheckResult,
  type ContractProblem,
  type ContractProblemKind,
} from './check-row-schemas-against-catalog.js';
export { describeRowSchema, type DescribedColumn } from './describe-row-schema.js';
export type { CatalogColumn, CatalogTable, CatalogTables } from './catalog-tables.js';

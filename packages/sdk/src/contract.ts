// Entry point `@iprs/sdk/contract`: the row-schema contract check alone, for code that compares a catalog it already
// read (`iprs verify`) without loading the SDK's data access (slonik, the connection pool); the root entry exports it too.
export {
  checkRowSchemasAgainstCatalog,
  type ContractCheckOptions,
} from './contract/check-row-schemas-against-catalog.js';
export * from './contract-columns.js';

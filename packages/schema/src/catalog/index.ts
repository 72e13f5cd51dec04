export { readCatalog, readCatalogModel } from './read-catalog-model.js';
export type { ReadCatalogOptions } from './read-catalog-model.js';
export type { CatalogModel, OtherRelation } from './catalog-model.js';
export type {
  Namesake,
  RewriteRule,
  RowPolicy,
  SearchPathSetting,
  UnmodelledCatalog,
  UnmodelledTable,
} from './unmodelled-catalog.js';
export { parseAllowedValues } from './parse-allowed-values.js';
export { CatalogUnavailableError } from '../errors/catalog-unavailable-error.js';
export { UnknownSchemaError } from '../errors/unknown-schema-error.js';
// The snapshot's types, so a consumer of the model needs no second import path.
export type * from '../manifest/schema-snapshot.js';

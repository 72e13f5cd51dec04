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
export type {
  AllowedValues,
  CheckConstraintSnapshot,
  ColumnSnapshot,
  ExclusionConstraintSnapshot,
  ForeignKeyAction,
  ForeignKeySnapshot,
  FunctionSnapshot,
  IndexKeySnapshot,
  IndexSnapshot,
  KeyConstraintSnapshot,
  SchemaSnapshot,
  TableSnapshot,
  TriggerEvent,
  TriggerSnapshot,
} from '../manifest/schema-snapshot.js';

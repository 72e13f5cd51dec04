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
} from './schema-snapshot.js';
export type { ManifestMigration, SchemaManifest } from './schema-manifest.js';
export { compareReleases, manifestForRelease, manifests } from './manifests.js';
export { releaseRules } from './release-rules.js';
export type {
  ForeignKeysIndexedRule,
  ReleaseIndexCountRule,
  ReleaseRule,
  ReleaseTablesRule,
  RequiredForeignKeyRule,
} from './release-rules.js';
export { UnknownReleaseError } from './unknown-release-error.js';

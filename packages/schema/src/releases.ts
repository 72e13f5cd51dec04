// Entry point `@iprs/schema/releases`: the release list and the ledger name without the runner, pg or the manifests,
// so a consumer such as @iprs/sdk can import (or bundle) it for nothing.
export { newestSchemaRelease, schemaReleases } from './schema-releases.js';
export { LEDGER_TABLE } from './ledger-table.js';

// Everything of @iprs/conformance except the JUnit renderer (junit-report-builder brings lodash and xmlbuilder), so
// that a bundle importing this entry (the CLI's) does not evaluate them unless it asks for `--format junit`.
export { verifySchema } from './verify-schema.js';
export type { VerifyOptions } from './verify-schema.js';
export type { DatabaseConnection } from './connect.js';
export { generateManifests } from './generate-manifests.js';
export type { GenerateManifestsOptions } from './generate-manifests.js';
// The catalog reader and its model live in @iprs/schema (the migration runner uses them too); re-exported here.
export {
  parseAllowedValues,
  readCatalog,
  readCatalogModel,
  // The former names, kept for existing callers.
  readCatalogModel as readLiveCatalog,
} from '@iprs/schema/catalog';
export type {
  CatalogModel,
  CatalogModel as LiveCatalog,
  Namesake,
  ReadCatalogOptions,
  RewriteRule,
  RowPolicy,
  SearchPathSetting,
  UnmodelledCatalog,
  UnmodelledTable,
} from '@iprs/schema/catalog';
export { compareSchema } from './compare/compare-schema.js';
export type { CompareSchemaOptions } from './compare/compare-schema.js';
export { compareUnmodelled } from './compare/compare-unmodelled.js';
export type { CompareUnmodelledOptions } from './compare/compare-unmodelled.js';
export { loadExpressionParser, sameMeaning } from './compare/expression-meaning.js';
export { checkReleaseRules } from './checks/check-release-rules.js';
export { checkLedger } from './checks/check-ledger.js';
export type { LedgerEntry } from './checks/check-ledger.js';
export { checkGrants } from './checks/check-grants.js';
export type { CheckGrantsOptions } from './checks/check-grants.js';
export { checkReapply } from './checks/check-reapply.js';
export type { ReapplyOptions } from './checks/check-reapply.js';
export type { ExtraCheck, ExtraCheckContext } from './checks/extra-check.js';
export { runProbes } from './probes/run-probes.js';
export type { ProbeOptions } from './probes/run-probes.js';
export { planProbes } from './probes/plan-probes.js';
export type { Probe, ProbeContext } from './probes/probe.js';
export { checkResult, skippedCheck } from './report/check-result.js';
export type { CheckCategory, CheckResult, CheckStatus } from './report/check-result.js';
export type { Finding, FindingKind, JsonValue, ObjectType, Severity } from './report/finding.js';
export { summarise } from './report/verification-report.js';
export type { ReportSummary, VerificationReport } from './report/verification-report.js';
export { reportFormats } from './report/report-formats.js';
export type { ReportFormat } from './report/report-formats.js';
export { formatText } from './report/format-text.js';
export type { TextFormatOptions } from './report/format-text.js';
export { formatJson } from './report/format-json.js';
export { formatTap } from './report/format-tap.js';
export { assertSchemaConforms, SchemaNonconformanceError } from './assert-schema-conforms.js';
export { CatalogUnavailableError, UnknownSchemaError } from '@iprs/schema/catalog';

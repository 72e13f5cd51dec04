// Entry point `@iprs/schema/internal`: the database helpers @iprs/conformance, @iprs/cli and the benchmarks share with
// this package, so each is written once. Not part of the public API: it may change in any release.
export { connectTarget } from './internal/connect-target.js';
export { readLedger, type LedgerRow } from './internal/read-ledger.js';
export { redactUrl } from './internal/redact-url.js';
export { withClient } from './internal/with-client.js';
export { ledgerLocation, type LedgerLocation } from './ledger/ledger-location.js';

// Entry point `@iprs/sdk/ingest-file`: the ingestion file check and its size limits alone, for code that refuses an
// unfit file (or prints the limits) without loading the SDK's data access; the root entry exports the same.
export {
  defaultMaxCsvFileBytes,
  defaultMaxJsonFileBytes,
  openIngestFile,
  type IngestFile,
} from './batches/ingest-file.js';

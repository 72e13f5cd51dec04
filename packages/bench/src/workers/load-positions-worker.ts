import { copyPositions } from '../baselines/copy-positions.js';
import { generatePositions } from '../dataset/generate-positions.js';
import { serveWorker } from '../harness/serve-worker.js';
import { sdkIngestPositions } from '../iprs/sdk-ingest-positions.js';
import { sdkLoadPositions } from '../iprs/sdk-load-positions.js';
import type { LoadPositionsInput, LoadPositionsResult } from './load-positions-protocol.js';

await serveWorker<LoadPositionsInput, LoadPositionsResult>(async ({ method, databaseUrl, spec, csvFile }) => {
  let outcome: { rows: number; ms: number };
  if (method === 'ingest') {
    if (csvFile === undefined) throw new Error('the ingest method needs csvFile');
    outcome = await sdkIngestPositions(databaseUrl, csvFile);
  } else {
    outcome = await (method === 'sdk' ? sdkLoadPositions : copyPositions)(databaseUrl, generatePositions(spec));
  }
  return { ...outcome, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
});

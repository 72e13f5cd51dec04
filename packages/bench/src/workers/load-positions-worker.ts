import { copyPositions } from '../baselines/copy-positions.js';
import { generatePositions } from '../dataset/generate-positions.js';
import { serveWorker } from '../harness/serve-worker.js';
import { sdkLoadPositions } from '../iprs/sdk-load-positions.js';
import type { LoadPositionsInput, LoadPositionsResult } from './load-positions-protocol.js';

await serveWorker<LoadPositionsInput, LoadPositionsResult>(async ({ method, databaseUrl, spec }) => {
  const outcome = await (method === 'sdk' ? sdkLoadPositions : copyPositions)(databaseUrl, generatePositions(spec));
  return { ...outcome, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
});

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The bundled sample: packages/cli/samples, shipped in the package next to dist/. Built code sits one level below the
 * package root (dist/), sources two (src/demo/), so both places are tried.
 */
const sampleDirectory =
  ['../samples/', '../../samples/']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((directory) => existsSync(`${directory}reference.json`)) ??
  fileURLToPath(new URL('../samples/', import.meta.url));

export const sampleFiles = {
  reference: `${sampleDirectory}reference.json`,
  marketData: `${sampleDirectory}market-data.json`,
  positions: `${sampleDirectory}positions.csv`,
  loans: `${sampleDirectory}loans.csv`,
  badPositions: `${sampleDirectory}positions-bad.csv`,
} as const;

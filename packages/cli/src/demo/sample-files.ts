import { fileURLToPath } from 'node:url';

/** The bundled sample (packages/cli/samples, shipped in the package next to dist/). */
export const sampleDirectory = fileURLToPath(new URL('../samples/', import.meta.url));

export const sampleFiles = {
  reference: `${sampleDirectory}reference.json`,
  marketData: `${sampleDirectory}market-data.json`,
  positions: `${sampleDirectory}positions.csv`,
  loans: `${sampleDirectory}loans.csv`,
  badPositions: `${sampleDirectory}positions-bad.csv`,
} as const;

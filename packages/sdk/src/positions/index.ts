export { bulkLoadPositions, bulkLoadOptionsSchema, type BulkLoadOptions, type BulkLoadResult } from './bulk-load-positions.js';
export { closePosition } from './close-position.js';
export { createPosition } from './create-position.js';
export { getPosition } from './get-position.js';
export { positionListOptionsSchema, type PositionListOptions } from './list-options.js';
export { listPositionsByInstrument } from './list-positions-by-instrument.js';
export { listPositionsByNode } from './list-positions-by-node.js';
export { softDeletePosition } from './soft-delete-position.js';
export { upsertPosition } from './upsert-position.js';

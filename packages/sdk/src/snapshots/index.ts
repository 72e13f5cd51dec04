export { getSnapshot } from './get-snapshot.js';
export { latestSnapshotAsOf } from './latest-snapshot.js';
export { listSnapshots } from './list-snapshots.js';
export { buildSnapshotPayload, canonicalJson, payloadHash, type SnapshotPayload } from './snapshot-payload.js';
export { takeSnapshot, type TakenSnapshot } from './take-snapshot.js';

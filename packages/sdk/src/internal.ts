// Entry point `@iprs/sdk/internal`: building blocks the iprs benchmarks share with the SDK, so each is written once.
// Not part of the public API: it may change in any release.
export { copyTextChunks, copyTextLine } from './sql/copy-text.js';

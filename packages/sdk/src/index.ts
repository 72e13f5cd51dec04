export { sql } from 'slonik';
export * from './connection/index.js';
export * from './errors/index.js';
export * from './schemas/index.js';
export * from './types/index.js';

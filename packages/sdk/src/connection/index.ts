export { addressOf } from './address-of.js';
export type { IprsPool } from './bounded-pool.js';
export { createPool } from './create-pool.js';
export type { DatabaseConnection } from './database-connection.js';
export { dbConn } from './db-conn.js';
export { poolConfigSchema, type PoolConfig, type PoolSettings } from './pool-config.js';
export type { PoolStats } from './pool-stats.js';
export { createIprsTypeParsers } from './type-parsers.js';
export { withTransaction } from './with-transaction.js';

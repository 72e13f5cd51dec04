import { DatabaseError } from './database-error.js';

/**
 * The server ran out of a resource (SQLSTATE class 53: disk, memory, connection slots, temp_file_limit). Usually
 * passes; retry later.
 */
export class InsufficientResourcesError extends DatabaseError {
  public static override readonly errorName: string = 'InsufficientResourcesError';
}

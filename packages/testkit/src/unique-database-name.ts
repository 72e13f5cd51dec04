import { randomBytes } from 'node:crypto';

const prefixPattern = /^[a-z][a-z0-9_]{0,39}$/;

/** `<prefix>_<12 random hex>`: unique across parallel test files and parallel runs on a shared server. */
export function uniqueDatabaseName(prefix: string): string {
  if (!prefixPattern.test(prefix)) {
    throw new Error(`database name prefix "${prefix}" must match ${prefixPattern} (lower-case letters, digits, _)`);
  }
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The payload as JSON will store it (NaN/Infinity become null, undefined members vanish) and the SHA-256 of its
 * RFC 8785 canonical form, so the same content hashes the same whatever its key order or number spelling.
 */
export function canonicalPayload(payload: unknown): { readonly json: unknown; readonly hash: string } {
  const json: unknown = JSON.parse(JSON.stringify(payload) ?? 'null');
  const canonical = canonicalize(json) ?? 'null';
  return { json, hash: createHash('sha256').update(canonical).digest('hex') };
}

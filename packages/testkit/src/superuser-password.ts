import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './write-file-atomically.js';

/** The superuser of every embedded server; its password is random per data directory. */
export const embeddedSuperuser = 'postgres';

/** 192 random bits, URL-safe as it is (base64url), so it goes into a connection string without escaping. */
export function generateSuperuserPassword(): string {
  return randomBytes(24).toString('base64url');
}

/** The password stored beside a persistent data directory, or undefined when there is none (or it is empty). */
export async function readPasswordFile(passwordFile: string): Promise<string | undefined> {
  try {
    return (await readFile(passwordFile, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function writePasswordFile(passwordFile: string, password: string): Promise<void> {
  return writeFileAtomically(passwordFile, `${password}\n`, { mode: 0o600 });
}

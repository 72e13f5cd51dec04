import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '@iprs/testkit';
import { CliError, ExitCode } from '../cli-error.js';

/**
 * Writes the report in one step (never a half-written report). Missing parent directories are created
 * (`--output reports/schema.xml` in a fresh CI checkout).
 */
export async function writeReportFile(path: string, contents: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomically(path, contents);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write the report to ${path}: ${reason}`, ExitCode.usageOrConnection, { cause: error });
  }
}

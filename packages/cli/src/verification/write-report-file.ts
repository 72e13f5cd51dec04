import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, ExitCode } from '../cli-error.js';

/**
 * Writes the report to a temporary file beside `path` and renames it into place: never a half-written report. Missing
 * parent directories are created (`--output reports/schema.xml` in a fresh CI checkout).
 */
export function writeReportFile(path: string, contents: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    // existsSync, not rmSync's force: a parent that is a file makes rmSync throw ENOTDIR over the real reason.
    if (existsSync(temporary)) rmSync(temporary);
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write the report to ${path}: ${reason}`, ExitCode.usageOrConnection, { cause: error });
  }
}

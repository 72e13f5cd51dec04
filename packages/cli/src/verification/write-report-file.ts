import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { CliError, ExitCode } from '../cli-error.js';

/** Writes the report to a temporary file beside `path` and renames it into place: never a half-written report. */
export function writeReportFile(path: string, contents: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write the report to ${path}: ${reason}`, ExitCode.usageOrConnection, { cause: error });
  }
}

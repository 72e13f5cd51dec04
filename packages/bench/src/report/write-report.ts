import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BenchReport } from './bench-report.js';

/** The repository root (where pnpm-workspace.yaml is), searched upwards from `from`; `from` itself when not found. */
export function repositoryRoot(from: string): string {
  for (let directory = resolve(from); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'pnpm-workspace.yaml'))) return directory;
    if (dirname(directory) === directory) return resolve(from);
  }
}

/** Writes `<directory>/<YYYY-MM-DD>.json` (`-quick` added for quick runs) and returns its path. */
export async function writeReport(report: BenchReport, directory: string): Promise<string> {
  const date = report.startedAt.slice(0, 10);
  const path = join(directory, `${date}${report.profile === 'quick' ? '-quick' : ''}.json`);
  await mkdir(directory, { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

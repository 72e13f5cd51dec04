import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mustRun } from './run-command.js';
import { packageDirectory, publishedPackages, type PublishedPackage } from './workspace.js';

export type Tarballs = Record<PublishedPackage, string>;

/** `pnpm pack`s every published package into `destination`: workspace:^ ranges become versions, as on publish. */
export async function packTarballs(destination: string): Promise<Tarballs> {
  const tarballs: Partial<Tarballs> = {};
  for (const name of publishedPackages) {
    await mustRun('pnpm', ['pack', '--pack-destination', destination], { cwd: packageDirectory(name) });
    const file = (await readdir(destination)).find((candidate) => candidate.startsWith(`iprs-${name}-`));
    if (!file) throw new Error(`pnpm pack produced no tarball for @iprs/${name} in ${destination}`);
    tarballs[name] = join(destination, file);
  }
  return tarballs as Tarballs;
}

import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SchemaManifest } from '@iprs/schema';
import { stageFile, type StagedFile } from '@iprs/testkit';
import { CliError, ExitCode } from '../cli-error.js';
import { renderManifestSources } from './render-manifest-sources.js';

/**
 * Replaces the generated modules in `directory` with `manifests`. Every file is staged first and renamed into place
 * only once all were written, so a failure leaves the previous manifests intact; release files of releases no longer
 * present are removed. Returns the paths written.
 */
export async function writeManifestSources(
  manifests: readonly SchemaManifest[],
  directory: string,
): Promise<readonly string[]> {
  if (!existsSync(directory)) {
    throw new CliError(
      `${directory}: manifest source directory does not exist; --write works in a source checkout of iprs (or pass a directory)`,
      ExitCode.usageOrConnection,
    );
  }
  const files = renderManifestSources(manifests);
  const staged: StagedFile[] = [];
  try {
    for (const [name, contents] of files) staged.push(await stageFile(join(directory, name), contents));
  } catch (error) {
    await Promise.all(staged.map((file) => file.discard()));
    throw error;
  }
  for (const file of staged) await file.commit();
  for (const name of await readdir(directory)) {
    if (/^release-\d+\.ts$/.test(name) && !files.has(name)) await rm(join(directory, name));
  }
  return staged.map(({ path }) => path);
}

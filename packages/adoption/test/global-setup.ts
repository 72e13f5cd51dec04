import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '@iprs/schema';
import { createGlobalSetup } from '@iprs/testkit/vitest';
import type { TestProject } from 'vitest/node';
import { packTarballs, type Tarballs } from './support/pack-tarballs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute paths of the packed tarballs, packed once per run. */
    iprsTarballs: Tarballs;
  }
}

const setUpDatabase = createGlobalSetup({ databasePrefix: 'adoption', prepareTemplate: (url) => migrate(url) });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tarballDirectory = await mkdtemp(join(tmpdir(), 'iprs-tarballs-'));
  try {
    project.provide('iprsTarballs', await packTarballs(tarballDirectory));
  } catch (error) {
    await rm(tarballDirectory, { recursive: true, force: true });
    throw error;
  }
  const tearDownDatabase = await setUpDatabase(project);
  return async () => {
    try {
      await tearDownDatabase();
    } finally {
      await rm(tarballDirectory, { recursive: true, force: true });
    }
  };
}

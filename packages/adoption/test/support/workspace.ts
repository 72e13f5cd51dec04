import { join, resolve } from 'node:path';

/** The packages a consumer installs from the registry, by directory under packages/. */
export const publishedPackages = ['schema', 'sdk', 'conformance', 'testkit', 'cli'] as const;
export type PublishedPackage = (typeof publishedPackages)[number];

export const workspaceRoot = resolve(import.meta.dirname, '../../../..');
export const packageDirectory = (name: PublishedPackage): string => join(workspaceRoot, 'packages', name);

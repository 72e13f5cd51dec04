import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmptyDatabase } from '@iprs/testkit/vitest';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { installConsumerProject, tarballDependencies, useScratchProject } from './support/consumer-project.js';
import { installedPackages } from './support/installed-packages.js';
import { mustRun, runCommand } from './support/run-command.js';
import { packageDirectory, publishedPackages, workspaceRoot } from './support/workspace.js';

// A new user's project: every published package from its tarball, plus what such a project has anyway. vitest is the
// peer of the /vitest entry points; TypeScript type-checks the consumer against the shipped .d.ts files.
const tarballs = inject('iprsTarballs');
const readmeDatabaseUrl = await useEmptyDatabase();
const project = await useScratchProject('every-package');
const entryPoints: { specifier: string; json: boolean }[] = [];

/** The first ```language block after `heading` in packages/sdk/README.md. */
const sdkReadmeBlock = async (heading: string, language: string): Promise<string> => {
  const readme = await readFile(join(packageDirectory('sdk'), 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  const block =
    start < 0 ? undefined : new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``, 'u').exec(readme.slice(start))?.[1];
  if (!block) throw new Error(`packages/sdk/README.md has no \`\`\`${language} block after "${heading}"`);
  return block;
};

const compilerOptions = {
  target: 'ES2023',
  lib: ['ES2023'],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: ['node'],
};

beforeAll(async () => {
  // The versions the workspace itself builds and tests with.
  const workspaceManifest = JSON.parse(await readFile(join(workspaceRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const { typescript, '@types/node': typesNode, vitest } = workspaceManifest.devDependencies;
  await installConsumerProject(project, {
    dependencies: tarballDependencies(tarballs, publishedPackages),
    devDependencies: { typescript: typescript!, '@types/node': typesNode!, vitest: vitest! },
    // DATABASE_URL is given: the 60 MB of embedded PostgreSQL binaries would only slow the install down.
    omitOptional: true,
  });

  for (const name of publishedPackages) {
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/@iprs', name, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    for (const subpath of Object.keys(manifest.exports)) {
      entryPoints.push({ specifier: `@iprs/${name}${subpath.slice(1)}`, json: subpath.endsWith('.json') });
    }
  }
  const modules = entryPoints.filter((entry) => !entry.json);
  await writeFile(
    join(project, 'every-entry-point.ts'),
    modules.map((entry, index) => `import * as entry${index} from '${entry.specifier}';`).join('\n') +
      `\nexport const entryPoints = [${modules.map((_, index) => `entry${index}`).join(', ')}];\n`,
  );
  await writeFile(
    join(project, 'require-every-entry-point.cjs'),
    `for (const specifier of ${JSON.stringify(entryPoints.map((entry) => entry.specifier))}) {\n` +
      '  console.log(`${specifier} ${Object.keys(require(specifier)).length}`);\n}\n',
  );
  await writeFile(join(project, 'sdk-readme-example.ts'), await sdkReadmeBlock('## Usage', 'ts'));
  const files = ['every-entry-point.ts', 'sdk-readme-example.ts'];
  await writeFile(
    join(project, 'tsconfig.nodenext.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, module: 'NodeNext', moduleResolution: 'NodeNext' },
      files,
    }),
  );
  await writeFile(
    join(project, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'Bundler' }, files }),
  );
});

describe('a project that installed every package from its tarball with npm', () => {
  test('has each @iprs package exactly once', async () => {
    const iprs = (await installedPackages(project)).filter((installed) => installed.name.startsWith('@iprs/'));
    expect(iprs.map((installed) => installed.path).sort()).toEqual(
      publishedPackages.map((name) => `node_modules/@iprs/${name}`).sort(),
    );
  });

  test('require()s every entry point from a .cjs file (Node 24 require(esm))', async () => {
    expect(entryPoints.length).toBeGreaterThanOrEqual(publishedPackages.length * 2);
    const run = await runCommand(process.execPath, ['require-every-entry-point.cjs'], { cwd: project });
    expect(run.exitCode, run.stderr).toBe(0);
    const loaded = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(loaded.map(([specifier]) => specifier)).toEqual(entryPoints.map((entry) => entry.specifier));
    for (const [specifier, exportCount] of loaded) expect(Number(exportCount), specifier).toBeGreaterThan(0);
  });

  test('type-checks with skipLibCheck false under moduleResolution nodenext and bundler', async () => {
    const resolutions = ['nodenext', 'bundler'];
    const runs = await Promise.all(
      resolutions.map((resolution) =>
        runCommand(join(project, 'node_modules/.bin/tsc'), ['-p', `tsconfig.${resolution}.json`], { cwd: project }),
      ),
    );
    for (const [index, run] of runs.entries()) {
      expect(run.stdout + run.stderr, resolutions[index]).toBe('');
      expect(run.exitCode, resolutions[index]).toBe(0);
    }
  });

  test("runs the SDK README's complete example verbatim against a real database", async () => {
    const run = await mustRun(process.execPath, ['sdk-readme-example.ts'], {
      cwd: project,
      env: { ...process.env, DATABASE_URL: readmeDatabaseUrl },
    });
    expect(run.stdout).toContain('loaded 1000 positions in 4 batches');
    // 500 × 987654.32 EUR at 1.0713 + 500 × 1012345.67 USD, exactly.
    expect(run.stdout).toContain('Global Credit: 1035209871.508 USD (EUR 493827160, USD 506172835)');
    expect(run.stdout).toMatch(/^ {2}Rates: /mu);
    expect(run.stdout).toMatch(/^ {4}Govies: /mu);
    expect(run.stdout.trim(), 'the README shows what the example prints').toBe(
      (await sdkReadmeBlock('It prints:', 'text')).trim(),
    );
  });
});

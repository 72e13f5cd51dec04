import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMigrations, manifests, migrations, newestSchemaRelease, schemaReleases } from '../src/index.js';

const sqlDirectory = fileURLToPath(new URL('../../../sql/', import.meta.url));

/** Every module file a built entry loads, following its relative imports; the bare specifiers it imports. */
function importsOf(entry: URL): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (url: URL) => {
    if (files.includes(url.pathname)) return;
    files.push(url.pathname);
    const text = readFileSync(url, 'utf8');
    for (const [, specifier = ''] of text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)) {
      if (specifier.startsWith('.')) visit(new URL(specifier, url));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages: [...packages] };
}

describe('schemaReleases', () => {
  it('lists the versions of the repository sql/ files, oldest first, frozen, and the newest is the last', () => {
    const fromFiles = loadMigrations(sqlDirectory).map((migration) => migration.version);

    expect(schemaReleases).toEqual(fromFiles);
    expect(schemaReleases).toEqual(migrations.map((migration) => migration.version));
    expect(Object.isFrozen(schemaReleases)).toBe(true);
    expect(newestSchemaRelease).toBe(fromFiles.at(-1));
  });

  it('has a manifest for every release, so the runner can check the shape each one leaves', () => {
    expect(manifests.map((manifest) => manifest.release)).toEqual(schemaReleases);
  });

  it('is a separate built entry, @iprs/schema/releases, that reads no files and loads neither pg nor the runner', () => {
    const built = importsOf(new URL('../dist/releases.js', import.meta.url));

    expect(built.packages).toEqual([]);
    const text = built.files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(text).not.toMatch(/readFileSync|readdirSync|createHash|node:fs/);
    // The list is a literal baked in at build time.
    expect(text).toContain(schemaReleases.map((release) => JSON.stringify(release)).join(', '));
  });
});

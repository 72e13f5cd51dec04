import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaManifest } from '../manifest/schema-manifest.js';
import { generatedDocsMarker, renderSchemaDocs } from './render-schema-docs.js';

/**
 * Writes the documentation of `manifest` into `directory` (created if missing), and removes pages a previous run
 * generated that the release no longer has. Returns the paths written.
 */
export function writeSchemaDocs(manifest: SchemaManifest, directory: string): readonly string[] {
  const files = renderSchemaDocs(manifest);
  mkdirSync(directory, { recursive: true });
  for (const name of generatedPages(directory)) if (!files.has(name)) rmSync(join(directory, name));
  return [...files].map(([name, contents]) => {
    const path = join(directory, name);
    writeFileSync(path, contents);
    return path;
  });
}

/** The file names in `directory` that differ from the documentation of `manifest`: changed, missing or left over. */
export function staleSchemaDocs(manifest: SchemaManifest, directory: string): readonly string[] {
  const files = renderSchemaDocs(manifest);
  const stale = [...files]
    .filter(([name, contents]) => {
      const path = join(directory, name);
      return !existsSync(path) || readFileSync(path, 'utf8') !== contents;
    })
    .map(([name]) => name);
  const leftOver = generatedPages(directory).filter((name) => !files.has(name));
  return [...stale, ...leftOver].sort();
}

function generatedPages(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).filter(
    (name) => name.endsWith('.md') && readFileSync(join(directory, name), 'utf8').startsWith(generatedDocsMarker),
  );
}

import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Relative to the project, e.g. `node_modules/a/node_modules/b`. */
  path: string;
}

/** Every package under `node_modules`, nested ones included (npm installs a second version under its dependent). */
export async function installedPackages(projectDirectory: string): Promise<InstalledPackage[]> {
  const found: InstalledPackage[] = [];
  async function visit(nodeModules: string): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(join(projectDirectory, nodeModules));
    } catch {
      return;
    }
    for (const entry of entries.filter((name) => !name.startsWith('.'))) {
      const names = entry.startsWith('@')
        ? (await readdir(join(projectDirectory, nodeModules, entry))).map((scoped) => `${entry}/${scoped}`)
        : [entry];
      for (const name of names) {
        const path = join(nodeModules, name);
        const manifest = JSON.parse(await readFile(join(projectDirectory, path, 'package.json'), 'utf8')) as {
          version: string;
        };
        found.push({ name, version: manifest.version, path });
        await visit(join(path, 'node_modules'));
      }
    }
  }
  await visit('node_modules');
  return found;
}

/** Bytes of every file under `directory`, symbolic links counted as links (not followed). */
export async function directoryBytes(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    total += entry.isDirectory() ? await directoryBytes(path) : (await lstat(path)).size;
  }
  return total;
}

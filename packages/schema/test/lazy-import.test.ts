import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'iprs-schema-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Records every path under a sql/ directory that node:fs is asked about, imports the built package, then uses it.
const probe = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const touched = [];
for (const name of ['readFileSync', 'readdirSync', 'existsSync', 'statSync', 'openSync', 'accessSync']) {
  const original = fs[name];
  fs[name] = (path, ...rest) => {
    if (/[\\\\/]sql([\\\\/]|$)/.test(String(path instanceof URL ? path.pathname : path))) touched.push(name);
    return original(path, ...rest);
  };
}
syncBuiltinESMExports();
const schema = await import(process.argv[1]);
const atImport = touched.length;
let firstUse;
try {
  const { migrations } = schema;
  firstUse = {
    count: migrations.length,
    isArray: Array.isArray(migrations),
    frozen: Object.isFrozen(migrations),
    versions: [...migrations].map((migration) => migration.version),
    json: JSON.parse(JSON.stringify(migrations)).length,
    cloned: structuredClone([...migrations]).length,
  };
} catch (error) {
  firstUse = { error: error.name, message: error.message };
}
console.log(JSON.stringify({ atImport, afterUse: touched.length, releases: schema.schemaReleases, firstUse }));
`;

async function importInChildProcess(entry: string): Promise<{
  atImport: number;
  afterUse: number;
  releases: string[];
  firstUse: {
    count?: number;
    isArray?: boolean;
    frozen?: boolean;
    versions?: string[];
    json?: number;
    cloned?: number;
    error?: string;
    message?: string;
  };
}> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe, entry], {
    timeout: 30_000,
  });
  return JSON.parse(stdout);
}

describe('importing @iprs/schema reads nothing from sql/ (it declares sideEffects: false)', () => {
  it('the built package touches sql/ only when `migrations` is first used', async () => {
    const result = await importInChildProcess(join(packageRoot, 'dist', 'index.js'));
    expect(result.atImport).toBe(0);
    expect(result.afterUse).toBeGreaterThan(0);
    expect(result.firstUse).toEqual({
      count: result.releases.length,
      isArray: true,
      frozen: true,
      versions: result.releases,
      json: result.releases.length,
      cloned: result.releases.length,
    });
  });

  it('a copy without sql/ imports, and says what is missing only when `migrations` is used', async () => {
    const copy = join(scratch, 'node_modules', '@iprs', 'schema');
    mkdirSync(copy, { recursive: true });
    cpSync(join(packageRoot, 'dist'), join(copy, 'dist'), { recursive: true });
    cpSync(join(packageRoot, 'package.json'), join(copy, 'package.json'));
    symlinkSync(realpathSync(join(packageRoot, 'node_modules', 'pg')), join(scratch, 'node_modules', 'pg'));
    const result = await importInChildProcess(join(copy, 'dist', 'index.js'));
    expect(result.atImport).toBe(0);
    expect(result.releases.length).toBeGreaterThan(0);
    expect(result.firstUse.error).toBe('MigrationSourceError');
    expect(result.firstUse.message).toContain('migration directory does not exist');
  });
});

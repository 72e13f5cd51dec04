import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stageFile, writeFileAtomically } from '../src/index.js';

const directories: string[] = [];
function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), 'iprs-atomic-'));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
  it('replaces an existing file and leaves no temporary file', async () => {
    const directory = scratch();
    const path = join(directory, 'report.xml');
    writeFileSync(path, 'old');
    await writeFileAtomically(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(directory)).toEqual(['report.xml']);
  });

  it('gives a private file mode 0600 even where one with a looser mode stood', async () => {
    const directory = scratch();
    const path = join(directory, 'password');
    writeFileSync(path, 'old', { mode: 0o644 });
    await writeFileAtomically(path, 'secret\n', { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('secret\n');
  });

  it('fails with the real reason and leaves nothing behind when the file cannot be written', async () => {
    const directory = scratch();
    writeFileSync(join(directory, 'a-file'), 'x');
    await expect(writeFileAtomically(join(directory, 'a-file', 'report.xml'), 'new')).rejects.toThrow(/ENOTDIR/);
    await expect(writeFileAtomically(join(directory, 'missing', 'report.xml'), 'new')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(directory)).toEqual(['a-file']);
  });

  it('fails when the destination is a directory, leaving the directory and no temporary file', async () => {
    const directory = scratch();
    await expect(writeFileAtomically(directory, 'new')).rejects.toThrow(/EISDIR/);
    expect(statSync(directory).isDirectory()).toBe(true);
    expect(readdirSync(join(directory, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('stageFile', () => {
  it('shows nothing at the destination until committed, and nothing at all once discarded', async () => {
    const directory = scratch();
    const kept = await stageFile(join(directory, 'a.ts'), 'a');
    const dropped = await stageFile(join(directory, 'b.ts'), 'b');
    expect(readdirSync(directory).filter((name) => !name.endsWith('.tmp'))).toEqual([]);
    await kept.commit();
    await dropped.discard();
    expect(readdirSync(directory)).toEqual(['a.ts']);
    expect(readFileSync(join(directory, 'a.ts'), 'utf8')).toBe('a');
  });
});

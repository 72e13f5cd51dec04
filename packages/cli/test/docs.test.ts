import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifests } from '@iprs/schema';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const committed = join(repository, 'docs/schema');
const mermaidBlock = (markdown: string) => /```mermaid\n[\s\S]*?\n```/.exec(markdown)?.[0];

describe('iprs docs', async () => {
  const cwd = await useTemporaryDirectory('cli-docs-', async () => undefined);

  test('docs/schema/ is what iprs docs generates for the newest release, page for page', async () => {
    const out = join(cwd, 'fresh');
    const run = await runIprs(['docs', '--out', out], { cwd });
    expect(run.stdout).toBe(`wrote 13 pages for release ${manifests.at(-1)?.release} to ${out}\n`);
    expect(run.exitCode).toBe(0);
    expect(readdirSync(committed).sort()).toEqual(readdirSync(out).sort());
    for (const page of readdirSync(out)) {
      expect(readFileSync(join(committed, page), 'utf8'), `docs/schema/${page} is stale: run pnpm iprs docs`).toBe(
        readFileSync(join(out, page), 'utf8'),
      );
    }
    const check = await runIprs(['docs', '--check', '--out', committed], { cwd });
    expect(check.stdout).toBe(`${committed} documents release ${manifests.at(-1)?.release}\n`);
    expect(check.exitCode).toBe(0);
  });

  test('the repository README shows the same ER diagram', () => {
    const diagram = mermaidBlock(readFileSync(join(committed, 'README.md'), 'utf8'));
    expect(diagram).toMatch(/^```mermaid\nerDiagram\n/);
    expect(mermaidBlock(readFileSync(join(repository, 'README.md'), 'utf8'))).toBe(diagram);
  });

  test.each(manifests.map((manifest) => [manifest.release, manifest] as const))(
    'release %s: a page per table, every foreign key a relationship with its ON DELETE, every enum value listed',
    async (release, manifest) => {
      const out = join(cwd, `release-${release}`);
      expect((await runIprs(['docs', '--release', release, '--out', out], { cwd })).exitCode).toBe(0);
      const tables = manifest.schema.tables;
      expect(readdirSync(out).sort()).toEqual(['README.md', ...tables.map((table) => `${table.name}.md`)].sort());
      const index = readFileSync(join(out, 'README.md'), 'utf8');
      for (const table of tables) {
        const page = readFileSync(join(out, `${table.name}.md`), 'utf8');
        expect(index).toContain(`  ${table.name} {\n`);
        for (const column of table.columns) expect(page).toContain(`\`${column.name}\``);
        if (table.comment) expect(page).toContain(table.comment);
        for (const foreignKey of table.foreignKeys) {
          const label = `${foreignKey.columns.join(', ')} (ON DELETE ${foreignKey.onDelete})`;
          expect(index).toMatch(
            new RegExp(
              `  ${foreignKey.referencedTable} \\S+--o\\{ ${table.name} : "${label.replace(/[()]/g, '\\$&')}"`,
            ),
          );
          expect(page).toContain(`| \`${foreignKey.name}\` |`);
        }
        for (const check of table.checks) {
          for (const value of check.allowedValues?.values ?? []) expect(page).toContain(`\`${value}\``);
        }
        for (const index of table.indexes) expect(page).toContain(`\`${index.name}\``);
      }
    },
  );

  test('--check names changed, missing and left-over pages (exit 1); a new run repairs them and keeps other files', async () => {
    const out = join(cwd, 'drift');
    expect((await runIprs(['docs', '--out', out], { cwd })).exitCode).toBe(0);
    await writeFile(
      join(out, 'position.md'),
      (await readFile(join(out, 'position.md'), 'utf8')).replace('RESTRICT', 'CASCADE'),
    );
    await rm(join(out, 'fx_spot.md'));
    await writeFile(
      join(out, 'old_table.md'),
      (await readFile(join(out, 'run.md'), 'utf8')).replaceAll('run', 'old_table'),
    );
    await writeFile(join(out, 'NOTES.md'), '# hand-written\n');

    const stale = await runIprs(['docs', '--check', '--out', out], { cwd });
    expect(stale.stdout).toBe(
      `stale pages in ${out}: fx_spot.md, old_table.md, position.md; run \`iprs docs --out ${out}\`\n`,
    );
    expect(stale.exitCode).toBe(1);

    expect((await runIprs(['docs', '--out', out], { cwd })).exitCode).toBe(0);
    expect((await runIprs(['docs', '--check', '--out', out], { cwd })).exitCode).toBe(0);
    expect(readdirSync(out)).toContain('NOTES.md');
    expect(readdirSync(out)).not.toContain('old_table.md');
  });

  test('needs no database: works under CI with an unreachable DATABASE_URL and starts no server', async () => {
    const out = join(cwd, 'offline');
    const run = await runIprs(['docs', '--out', out], {
      cwd,
      env: { CI: '1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(readdirSync(out)).toHaveLength((manifests.at(-1)?.schema.tables.length ?? 0) + 1);
    expect(readdirSync(cwd)).not.toContain('.iprs');
  });

  test('an unknown release exits 2 naming the known ones', async () => {
    const run = await runIprs(['docs', '--release', '999', '--out', join(cwd, 'none')], { cwd });
    expect(run.stderr).toMatch(/^iprs: .*999.*001/m);
    expect(run.exitCode).toBe(2);
  });
});

import { readFile } from 'node:fs/promises';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The committed list of every name @iprs/sdk exports: `name` for a value, `type Name` for a type only. A change to the
// public API must change this list too, so an export added or dropped by accident fails here.
const pinnedListFile = new URL('./public-api.txt', import.meta.url);
const indexFile = new URL('../src/index.ts', import.meta.url);
const readmeFile = new URL('../README.md', import.meta.url);

const pinned = (await readFile(pinnedListFile, 'utf8')).split('\n').filter((line) => line !== '');
const nameOf = (entry: string) => entry.replace(/^type /u, '');

/** Every export of src/index.ts as the compiler sees it, types included. */
function compiledExports(): string[] {
  const path = indexFile.pathname;
  const program = ts.createProgram([path], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(path) as ts.SourceFile) as ts.Symbol;
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return target.flags & ts.SymbolFlags.Value ? symbol.name : `type ${symbol.name}`;
  });
}

const sorted = (entries: readonly string[]) => [...entries].sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'en'));

describe('the public API of @iprs/sdk is exactly the pinned list', () => {
  it('the pinned list is sorted and names each export once', () => {
    expect(pinned).toEqual(sorted(pinned));
    expect(new Set(pinned.map(nameOf)).size).toBe(pinned.length);
  });

  it('the module exports at run time exactly the pinned values', async () => {
    const runtime = Object.keys(await import('../src/index.js'));
    expect(sorted(runtime), 'update test/public-api.txt only for an export you mean to add or drop').toEqual(
      pinned.filter((entry) => !entry.startsWith('type ')),
    );
  });

  it('the declarations export exactly the pinned values and types', () => {
    expect(sorted(compiledExports()), 'update test/public-api.txt only for an export you mean to add or drop').toEqual(
      pinned,
    );
  }, 60_000);

  it('the README\'s "Public API" section names every export', async () => {
    const readme = await readFile(readmeFile, 'utf8');
    const start = readme.indexOf('\n## Public API\n');
    expect(start).toBeGreaterThan(-1);
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    const unnamed = pinned.map(nameOf).filter((name) => !new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'u').test(section));
    expect(unnamed).toEqual([]);
  });
});

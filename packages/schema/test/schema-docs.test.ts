import { describe, expect, it } from 'vitest';
import {
  manifestForRelease,
  renderErDiagram,
  renderSchemaDocs,
  type SchemaManifest,
  type TableSnapshot,
} from '../src/index.js';

const column = (name: string, type: string, notNull: boolean, extra: { default?: string; comment?: string } = {}) => ({
  name,
  type,
  notNull,
  default: extra.default ?? null,
  identity: null,
  generated: null,
  collation: null,
  ...(extra.comment === undefined ? {} : { comment: extra.comment }),
});

const flags = { deferrable: false, initiallyDeferred: false, validated: true, enforced: true };

const parent: TableSnapshot = {
  name: 'parent',
  comment: 'A | piped comment',
  partitioned: false,
  unlogged: false,
  rowLevelSecurity: false,
  columns: [column('id', 'text', true), column('at', 'timestamp with time zone', true, { default: "'`now`'::text" })],
  primaryKey: { ...flags, name: 'parent_pkey', definition: 'PRIMARY KEY (id)', columns: ['id'] },
  uniqueKeys: [],
  foreignKeys: [],
  checks: [],
  exclusionConstraints: [],
  indexes: [],
  triggers: [],
};
const child: TableSnapshot = {
  ...parent,
  name: 'child',
  comment: undefined,
  columns: [
    column('id', 'text', true),
    column('parent_id', 'text', false, { comment: 'line one\nline two' }),
    column('amount', 'numeric(18,6)', true),
    column('stamps', 'timestamp with time zone[]', true),
  ],
  primaryKey: { ...flags, name: 'child_pkey', definition: 'PRIMARY KEY (id)', columns: ['id'] },
  foreignKeys: [
    {
      ...flags,
      name: 'child_parent_id_fkey',
      definition: 'FOREIGN KEY (parent_id) REFERENCES parent(id) ON DELETE SET NULL',
      columns: ['parent_id'],
      referencedTable: 'parent',
      referencedSchema: null,
      referencedColumns: ['id'],
      onDelete: 'SET NULL',
      onUpdate: 'NO ACTION',
      match: 'SIMPLE',
    },
  ],
};
const manifest: SchemaManifest = {
  formatVersion: 1,
  release: '007',
  migrations: [{ version: '007', name: 'odd' }],
  schema: { tables: [child, parent], functions: [] },
};

describe('renderSchemaDocs', () => {
  it('draws optional foreign keys as zero-or-one, and makes every type a single Mermaid word', () => {
    expect(renderErDiagram(manifest)).toBe(
      [
        'erDiagram',
        '  parent |o--o{ child : "parent_id (ON DELETE SET NULL)"',
        '  child {',
        '    text id PK',
        '    text parent_id FK',
        '    numeric_18_6 amount',
        '    timestamptz[] stamps',
        '  }',
        '  parent {',
        '    text id PK',
        '    timestamptz at',
        '  }',
        '',
      ].join('\n'),
    );
  });

  it('keeps Markdown tables intact: pipes escaped, line breaks flattened, backticks fenced', () => {
    const files = renderSchemaDocs(manifest);
    expect([...files.keys()]).toEqual(['README.md', 'child.md', 'parent.md']);
    expect(files.get('README.md')).toContain('| [parent](parent.md) | A \\| piped comment |');
    expect(files.get('child.md')).toContain(
      '| `parent_id` → [parent](parent.md) | text | null |  |  | line one line two |',
    );
    expect(files.get('parent.md')).toContain("| ``'`now`'::text`` |");
    // Sections a table has nothing for are left out.
    expect(files.get('parent.md')).not.toMatch(/## (Foreign keys|Checks|Indexes|Triggers)/);
  });

  it('documents the shipped newest release with its comments', () => {
    const files = renderSchemaDocs(manifestForRelease());
    expect(files.size).toBe(manifestForRelease().schema.tables.length + 1);
    expect(files.get('fx_spot.md')).toContain('Units of QUOTE per one BASE; always positive.');
  });
});

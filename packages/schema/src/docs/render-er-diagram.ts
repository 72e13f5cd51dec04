import type { SchemaManifest } from '../manifest/schema-manifest.js';
import type { TableSnapshot } from '../manifest/schema-snapshot.js';

const shortTypes: Readonly<Record<string, string>> = {
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz',
  'character varying': 'varchar',
  'double precision': 'float8',
};

/**
 * The release as a Mermaid `erDiagram`: every table with its columns (type, PK/FK/UK), and one relationship per
 * foreign key from the referenced table to the referencing one, labelled with the columns and the ON DELETE action.
 */
export function renderErDiagram(manifest: SchemaManifest): string {
  const lines = ['erDiagram'];
  for (const table of manifest.schema.tables) {
    for (const foreignKey of table.foreignKeys) {
      const optional = foreignKey.columns.some(
        (name) => !table.columns.find((column) => column.name === name)?.notNull,
      );
      const label = `${foreignKey.columns.join(', ')} (ON DELETE ${foreignKey.onDelete})`;
      lines.push(`  ${foreignKey.referencedTable} ${optional ? '|o' : '||'}--o{ ${table.name} : "${label}"`);
    }
  }
  for (const table of manifest.schema.tables) {
    lines.push(`  ${table.name} {`);
    for (const column of table.columns) {
      const keys = columnKeys(table, column.name);
      lines.push(`    ${mermaidType(column.type)} ${column.name}${keys.length > 0 ? ` ${keys.join(', ')}` : ''}`);
    }
    lines.push('  }');
  }
  return `${lines.join('\n')}\n`;
}

function columnKeys(table: TableSnapshot, column: string): string[] {
  const keys: string[] = [];
  if (table.primaryKey?.columns.includes(column)) keys.push('PK');
  if (table.foreignKeys.some((foreignKey) => foreignKey.columns.includes(column))) keys.push('FK');
  if (table.uniqueKeys.some((key) => key.columns.includes(column))) keys.push('UK');
  return keys;
}

/** Mermaid attribute types are single words: `timestamp with time zone` becomes `timestamptz`, `numeric(18,6)` `numeric_18_6`. */
function mermaidType(type: string): string {
  const array = type.endsWith('[]');
  const base = array ? type.slice(0, -2) : type;
  const word = (shortTypes[base] ?? base).replaceAll(/[^A-Za-z0-9_]+/g, '_').replace(/_$/, '');
  return array ? `${word}[]` : word;
}

export { generatedDocsMarker, renderSchemaDocs } from './render-schema-docs.js';
export { renderErDiagram } from './render-er-diagram.js';
export { staleSchemaDocs, writeSchemaDocs } from './write-schema-docs.js';

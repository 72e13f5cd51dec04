export * from './core.js';
export { formatReport } from './report/format-report.js';
export { formatJunit } from './report/format-junit.js';

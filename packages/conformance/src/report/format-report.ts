import { formatJson } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatTap } from './format-tap.js';
import { formatText, type TextFormatOptions } from './format-text.js';
import type { ReportFormat } from './report-formats.js';
import type { VerificationReport } from './verification-report.js';

/** Renders the report in one of the supported formats; `text` options apply to the text format only. */
export function formatReport(
  report: VerificationReport,
  format: ReportFormat,
  options: TextFormatOptions = {},
): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'tap':
      return formatTap(report);
  }
}

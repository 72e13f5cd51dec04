import {
  formatJson,
  formatTap,
  formatText,
  type ReportFormat,
  type TextFormatOptions,
  type VerificationReport,
} from '@iprs/conformance/core';

/**
 * `formatReport` of @iprs/conformance, except that the JUnit renderer is imported only when asked for: it brings
 * junit-report-builder, lodash and xmlbuilder, which every other `iprs verify` would otherwise evaluate at start-up.
 */
export async function renderReport(
  report: VerificationReport,
  format: ReportFormat,
  options: TextFormatOptions,
): Promise<string> {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'junit': {
      const { formatJunit } = await import('@iprs/conformance');
      return formatJunit(report);
    }
    case 'tap':
      return formatTap(report);
  }
}

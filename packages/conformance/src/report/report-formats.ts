export const reportFormats = ['text', 'json', 'junit', 'tap'] as const;
export type ReportFormat = (typeof reportFormats)[number];

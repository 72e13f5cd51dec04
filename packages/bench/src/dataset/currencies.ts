/** The ten currencies of the generated book. USD is the reporting currency and the FX quote side. */
export const currencies = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'HKD'] as const;

export type Currency = (typeof currencies)[number];

export const reportingCurrency: Currency = 'USD';

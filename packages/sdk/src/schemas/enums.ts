/** The enumerations every CHECK constraint of releases 001 and 002 enforces, in the same order. */
export const INSTRUMENT_TYPES = ['LOAN', 'BOND', 'CDS', 'EQUITY', 'FX_FORWARD', 'CASH'] as const;
export const RUN_TYPES = ['VALUATION', 'RISK', 'STRESS'] as const;
export const RUN_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export const VALUATION_MEASURES = [
  'PV',
  'CLEAN_PRICE',
  'DIRTY_PRICE',
  'ACCRUED',
  'DV01',
  'CS01',
  'YIELD',
  'SPREAD',
] as const;
export const NODE_TYPES = ['FUND', 'DESK', 'BOOK', 'STRATEGY'] as const;
export const POSITION_STATUSES = ['ACTIVE', 'CLOSED', 'DELETED'] as const;
export const ENTITY_TYPES = ['ISSUER', 'SECTOR', 'GEOGRAPHY', 'CURRENCY'] as const;
export const RATING_AGENCIES = ['SP', 'MOODYS', 'FITCH', 'DBRS'] as const;
export const RATING_OUTLOOKS = ['POSITIVE', 'STABLE', 'NEGATIVE', 'DEVELOPING'] as const;
export const FEED_TYPES = ['YIELD_CURVE', 'CREDIT_SPREAD', 'FX_SPOT', 'RATING'] as const;
export const VALIDATION_STATUSES = ['PENDING', 'PASS', 'WARN', 'FAIL'] as const;
export const BATCH_TYPES = ['LOAN_SERVICING', 'MARKET_DATA', 'POSITION_UPLOAD'] as const;
export const LINEAGE_FEED_TYPES = [...FEED_TYPES, ...BATCH_TYPES] as const;
export const BATCH_STATUSES = ['STARTED', 'VALIDATING', 'COMPLETED', 'FAILED'] as const;

export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
export type RunType = (typeof RUN_TYPES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type ValuationMeasure = (typeof VALUATION_MEASURES)[number];
export type NodeType = (typeof NODE_TYPES)[number];
export type PositionStatus = (typeof POSITION_STATUSES)[number];
export type EntityType = (typeof ENTITY_TYPES)[number];
export type RatingAgency = (typeof RATING_AGENCIES)[number];
export type RatingOutlook = (typeof RATING_OUTLOOKS)[number];
export type FeedType = (typeof FEED_TYPES)[number];
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];
export type BatchType = (typeof BATCH_TYPES)[number];
export type LineageFeedType = (typeof LINEAGE_FEED_TYPES)[number];
export type BatchStatus = (typeof BATCH_STATUSES)[number];

import { z } from 'zod';
import { fxSnapshotDifference } from '../fx/fx-snapshot-difference.js';
import { isIsoCurrencyCode } from '../reference/iso-codes.js';
import type { FxSpotRow } from '../schemas/fx-spot.js';
import { ExactDecimal, type Decimal } from '../types/exact-decimal.js';
import { toDecimal } from '../types/decimal.js';
import { fail, feedValidation, warn, type FeedFinding, type FeedValidation } from './feed-finding.js';
import type { FeedValidationConfig } from './feed-validation-config.js';
import { payloadNumber } from './payload-number.js';
import { parsePayloadShape } from './payload-shape.js';

export const fxSpotPayloadSchema = z.object({
  /** The FX snapshot the quotes are stored under in fx_spot; the feed id when left out. */
  snapshot_id: z.string().min(1).optional(),
  quotes: z
    .array(z.object({ pair: z.string(), rate: z.unknown(), quoted_at: z.iso.datetime({ offset: true }).optional() }))
    .min(1, { error: 'must list at least one quote' }),
});
export type FxSpotPayload = z.infer<typeof fxSpotPayloadSchema>;

type StoredSpot = Pick<FxSpotRow, 'pair' | 'spot_rate' | 'as_of_date'>;

/** What the FX checks compare a feed against. */
export interface FxSpotFeedContext {
  /** The snapshot already stored under the feed's snapshot id, if any: the feed must repeat it exactly. */
  readonly existingSnapshot?: { readonly snapshotId: string; readonly spots: readonly StoredSpot[] };
  /** The previous accepted snapshot: the one in force the day before the feed's as-of date, other than its own. */
  readonly previousSnapshot?: {
    readonly snapshotId: string;
    readonly asOfDate: string;
    readonly spots: readonly StoredSpot[];
  };
}

const pairPattern = /^([A-Z]{3})\/([A-Z]{3})$/;
const checks = [
  'PAYLOAD_SHAPE',
  'PAIR_FORMAT',
  'PAIR_UNIQUE',
  'RATE_POSITIVE',
  'QUOTE_NOT_FUTURE',
  'QUOTE_FRESH',
  'INVERSE_CONSISTENT',
  'TRIANGULATION',
  'DAILY_MOVE',
  'SNAPSHOT_IMMUTABLE',
];
const dayMs = 86_400_000;
const ONE = new ExactDecimal(1);

/** max(a/b, b/a) − 1: how far apart two positive rates are, the same whichever is larger. */
const relativeGap = (a: Decimal, b: Decimal): Decimal => {
  const ratio = a.dividedBy(b);
  return (ratio.greaterThan(1) ? ratio : ONE.dividedBy(ratio)).minus(1);
};
const percent = (gap: Decimal) => `${gap.times(100).toSignificantDigits(3).toFixed()} %`;

/**
 * FX_SPOT: FAIL on a malformed or repeated pair (both sides must be ISO 4217 currency codes), a rate that is not a
 * positive number, a quote timestamped after the as-of date (its date as written, in its own offset), a pair and its
 * inverse disagreeing by more than `inverseTolerance`, a move against the previous accepted snapshot beyond
 * `dailyMoveFail`, or a snapshot id already stored with other content (snapshots are immutable). WARN when a quote is
 * older than the configured age, when a cross rate (neither side USD) disagrees with its triangulation through USD by
 * more than the configured tolerance, or on a move beyond `dailyMoveWarn`.
 */
export function validateFxSpotFeed(
  payload: unknown,
  asOfDate: string,
  config: FeedValidationConfig['fxSpot'],
  context: FxSpotFeedContext = {},
): FeedValidation {
  const shape = parsePayloadShape(fxSpotPayloadSchema, payload);
  if ('findings' in shape) return feedValidation(shape.findings, checks);
  const findings: FeedFinding[] = [];
  const usdPerUnit = new Map<string, Decimal>([['USD', ONE]]);
  const crosses: Array<{ index: number; base: string; quote: string; rate: Decimal }> = [];
  const rates = new Map<string, { index: number; rate: Decimal }>();
  const asOfMs = Date.parse(`${asOfDate}T00:00:00Z`);

  shape.data.quotes.forEach((quote, index) => {
    const path = `quotes.${index}`;
    const match = pairPattern.exec(quote.pair);
    if (!match || match[1] === match[2]) {
      findings.push(
        fail(
          'PAIR_FORMAT',
          `${path}.pair`,
          `pair "${quote.pair}" must be BASE/QUOTE of two different ISO codes, e.g. EUR/USD`,
        ),
      );
      return;
    }
    const unknownCodes = match.slice(1).filter((code) => !isIsoCurrencyCode(code));
    if (unknownCodes.length > 0) {
      const reason = `pair "${quote.pair}" must join two ISO 4217 currency codes, e.g. EUR/USD; not ISO 4217: ${unknownCodes.join(', ')}`;
      findings.push(fail('PAIR_FORMAT', `${path}.pair`, reason));
      return;
    }
    const repeated = rates.has(quote.pair);
    if (repeated) findings.push(fail('PAIR_UNIQUE', `${path}.pair`, `pair ${quote.pair} is quoted twice`));
    const rate = payloadNumber(quote.rate);
    if (rate === undefined || !rate.greaterThan(0)) {
      findings.push(fail('RATE_POSITIVE', `${path}.rate`, `rate of ${quote.pair} must be a number greater than 0`));
      return;
    }
    if (!repeated) rates.set(quote.pair, { index, rate });
    if (quote.quoted_at !== undefined) {
      if (quote.quoted_at.slice(0, 10) > asOfDate) {
        findings.push(
          fail(
            'QUOTE_NOT_FUTURE',
            `${path}.quoted_at`,
            `quote of ${quote.pair} from ${quote.quoted_at} is dated after the as-of date ${asOfDate}`,
          ),
        );
      } else if (asOfMs - Date.parse(quote.quoted_at) > config.maxQuoteAgeDays * dayMs) {
        findings.push(
          warn(
            'QUOTE_FRESH',
            `${path}.quoted_at`,
            `quote of ${quote.pair} from ${quote.quoted_at} is stale for ${asOfDate}`,
          ),
        );
      }
    }
    const [, base, quoteCcy] = match as unknown as [string, string, string];
    if (quoteCcy === 'USD') usdPerUnit.set(base, rate);
    else if (base === 'USD') usdPerUnit.set(quoteCcy, ONE.dividedBy(rate));
    else crosses.push({ index, base, quote: quoteCcy, rate });
  });

  for (const [pair, { index, rate }] of rates) {
    const [base, quote] = pair.split('/') as [string, string];
    const opposite = rates.get(`${quote}/${base}`);
    if (opposite === undefined || opposite.index < index) continue;
    const gap = relativeGap(rate, ONE.dividedBy(opposite.rate));
    if (gap.greaterThan(config.inverseTolerance)) {
      findings.push(
        fail(
          'INVERSE_CONSISTENT',
          `quotes.${opposite.index}.rate`,
          `${quote}/${base} ${opposite.rate.toFixed()} is not the inverse of ${pair} ${rate.toFixed()}: they differ by ${percent(gap)}`,
        ),
      );
    }
  }

  for (const cross of crosses) {
    const baseUsd = usdPerUnit.get(cross.base);
    const quoteUsd = usdPerUnit.get(cross.quote);
    if (baseUsd === undefined || quoteUsd === undefined) continue;
    const implied = baseUsd.dividedBy(quoteUsd);
    const gap = cross.rate.dividedBy(implied).minus(1).abs();
    if (gap.greaterThan(config.triangulationTolerance)) {
      findings.push(
        warn(
          'TRIANGULATION',
          `quotes.${cross.index}.rate`,
          `${cross.base}/${cross.quote} ${cross.rate.toFixed()} differs from ${implied.toSignificantDigits(10).toFixed()} through USD by ${percent(gap)}`,
        ),
      );
    }
  }

  if (context.previousSnapshot !== undefined) findings.push(...dailyMoves(rates, context.previousSnapshot, config));

  const existing = context.existingSnapshot;
  if (existing !== undefined && existing.spots.length > 0 && rates.size === shape.data.quotes.length) {
    const spots = [...rates].map(([pair, { rate }]) => ({ pair, spot_rate: rate.toFixed() }));
    const difference = fxSnapshotDifference(existing.spots, { as_of_date: asOfDate, spots });
    if (difference !== undefined) {
      findings.push(
        fail(
          'SNAPSHOT_IMMUTABLE',
          'snapshot_id',
          `FX snapshot '${existing.snapshotId}' is already stored and snapshots are immutable: ${difference}`,
        ),
      );
    }
  }
  return feedValidation(findings, checks);
}

/** Each pair's move against the previous snapshot's quote of the same pair or of its inverse. */
function dailyMoves(
  rates: ReadonlyMap<string, { index: number; rate: Decimal }>,
  previous: NonNullable<FxSpotFeedContext['previousSnapshot']>,
  config: FeedValidationConfig['fxSpot'],
): FeedFinding[] {
  const before = new Map(previous.spots.map((spot) => [spot.pair, toDecimal(spot.spot_rate)]));
  const findings: FeedFinding[] = [];
  for (const [pair, { index, rate }] of rates) {
    const [base, quote] = pair.split('/') as [string, string];
    const inverse = before.get(`${quote}/${base}`);
    const prior = before.get(pair) ?? (inverse === undefined ? undefined : ONE.dividedBy(inverse));
    if (prior === undefined) continue;
    const gap = relativeGap(rate, prior);
    const limit = gap.greaterThan(config.dailyMoveFail)
      ? 'FAIL'
      : gap.greaterThan(config.dailyMoveWarn)
        ? 'WARN'
        : undefined;
    if (limit === undefined) continue;
    const message = `${pair} moved ${percent(gap)} since snapshot '${previous.snapshotId}' of ${previous.asOfDate} (${prior.toSignificantDigits(10).toFixed()} → ${rate.toFixed()}; ${limit} beyond ${percent(new ExactDecimal(limit === 'FAIL' ? config.dailyMoveFail : config.dailyMoveWarn))})`;
    findings.push(
      limit === 'FAIL'
        ? fail('DAILY_MOVE', `quotes.${index}.rate`, message)
        : warn('DAILY_MOVE', `quotes.${index}.rate`, message),
    );
  }
  return findings;
}

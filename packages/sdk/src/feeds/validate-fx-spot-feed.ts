import { z } from 'zod';
import { isIsoCurrencyCode } from '../reference/iso-codes.js';
import { ExactDecimal, type Decimal } from '../types/exact-decimal.js';
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

const pairPattern = /^([A-Z]{3})\/([A-Z]{3})$/;
const checks = ['PAYLOAD_SHAPE', 'PAIR_FORMAT', 'PAIR_UNIQUE', 'RATE_POSITIVE', 'QUOTE_FRESH', 'TRIANGULATION'];
const dayMs = 86_400_000;

/**
 * FX_SPOT: FAIL on a malformed or repeated pair (both sides must be ISO 4217 currency codes) or a rate that is not a positive number; WARN when a quote is older
 * than the configured age before the as-of date, or when a cross rate (neither side USD) disagrees with its
 * triangulation through USD by more than the configured tolerance.
 */
export function validateFxSpotFeed(
  payload: unknown,
  asOfDate: string,
  config: FeedValidationConfig['fxSpot'],
): FeedValidation {
  const shape = parsePayloadShape(fxSpotPayloadSchema, payload);
  if ('findings' in shape) return feedValidation(shape.findings, checks);
  const findings: FeedFinding[] = [];
  const usdPerUnit = new Map<string, Decimal>([['USD', new ExactDecimal(1)]]);
  const crosses: Array<{ index: number; base: string; quote: string; rate: Decimal }> = [];
  const seenPairs = new Set<string>();
  const asOfMs = Date.parse(`${asOfDate}T00:00:00Z`);

  shape.data.quotes.forEach((quote, index) => {
    const path = `quotes.${index}`;
    const match = pairPattern.exec(quote.pair);
    if (!match || match[1] === match[2]) {
      findings.push(fail('PAIR_FORMAT', `${path}.pair`, `pair "${quote.pair}" must be BASE/QUOTE of two different ISO codes, e.g. EUR/USD`));
      return;
    }
    const unknownCodes = match.slice(1).filter((code) => !isIsoCurrencyCode(code));
    if (unknownCodes.length > 0) {
      const reason = `pair "${quote.pair}" must join two ISO 4217 currency codes, e.g. EUR/USD; not ISO 4217: ${unknownCodes.join(', ')}`;
      findings.push(fail('PAIR_FORMAT', `${path}.pair`, reason));
      return;
    }
    if (seenPairs.has(quote.pair)) findings.push(fail('PAIR_UNIQUE', `${path}.pair`, `pair ${quote.pair} is quoted twice`));
    seenPairs.add(quote.pair);
    const rate = payloadNumber(quote.rate);
    if (rate === undefined || !rate.greaterThan(0)) {
      findings.push(fail('RATE_POSITIVE', `${path}.rate`, `rate of ${quote.pair} must be a number greater than 0`));
      return;
    }
    if (quote.quoted_at !== undefined && asOfMs - Date.parse(quote.quoted_at) > config.maxQuoteAgeDays * dayMs) {
      findings.push(warn('QUOTE_FRESH', `${path}.quoted_at`, `quote of ${quote.pair} from ${quote.quoted_at} is stale for ${asOfDate}`));
    }
    const [, base, quoteCcy] = match as unknown as [string, string, string];
    if (quoteCcy === 'USD') usdPerUnit.set(base, rate);
    else if (base === 'USD') usdPerUnit.set(quoteCcy, new ExactDecimal(1).dividedBy(rate));
    else crosses.push({ index, base, quote: quoteCcy, rate });
  });

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
          `${cross.base}/${cross.quote} ${cross.rate.toFixed()} differs from ${implied.toSignificantDigits(10).toFixed()} through USD by ${gap.times(100).toSignificantDigits(3).toFixed()} %`,
        ),
      );
    }
  }
  return feedValidation(findings, checks);
}

import { z } from 'zod';
import { fail, feedValidation, warn, type FeedFinding, type FeedValidation } from './feed-finding.js';
import type { FeedValidationConfig } from './feed-validation-config.js';
import { payloadNumber } from './payload-number.js';
import { parsePayloadShape } from './payload-shape.js';
import { tenorInDays } from './tenor.js';

export const creditSpreadPayloadSchema = z.object({
  spreads: z
    .array(z.object({ entity_id: z.string().min(1), tenor: z.string(), spread_bps: z.unknown() }))
    .min(1, { error: 'must list at least one spread' }),
});
export type CreditSpreadPayload = z.infer<typeof creditSpreadPayloadSchema>;

const checks = ['PAYLOAD_SHAPE', 'TENOR_PARSES', 'SPREAD_UNIQUE', 'SPREAD_FINITE', 'SPREAD_NON_NEGATIVE', 'DAILY_MOVE'];

/** Which spreads are compared day over day: the same entity at the same tenor length (12M = 1Y). */
export function creditSpreadKey(spread: { readonly entity_id: string; readonly tenor: string }): string {
  return `${spread.entity_id}|${tenorInDays(spread.tenor)}`;
}

/**
 * CREDIT_SPREAD: FAIL on a NaN/non-numeric or negative CDS spread, an unparsable tenor, the same entity and tenor
 * quoted twice, or a day-over-day move beyond `failDailyMoveBps`; WARN on a move beyond `maxDailyMoveBps` (against
 * `previous`: ingestFeed passes each entity/tenor's latest accepted spread before the as-of date).
 */
export function validateCreditSpread(
  payload: unknown,
  config: FeedValidationConfig['creditSpread'],
  previous?: CreditSpreadPayload,
): FeedValidation {
  const shape = parsePayloadShape(creditSpreadPayloadSchema, payload);
  if ('findings' in shape) return feedValidation(shape.findings, checks);
  const before = new Map(
    (previous?.spreads ?? []).map((s) => [creditSpreadKey(s), payloadNumber(s.spread_bps)] as const),
  );
  const findings: FeedFinding[] = [];
  const seen = new Set<string>();
  shape.data.spreads.forEach((spread, index) => {
    const path = `spreads.${index}`;
    const days = tenorInDays(spread.tenor);
    if (days === undefined)
      findings.push(fail('TENOR_PARSES', `${path}.tenor`, `tenor "${spread.tenor}" is not like 6M or 5Y`));
    else if (seen.has(creditSpreadKey(spread))) {
      findings.push(fail('SPREAD_UNIQUE', path, `${spread.entity_id} ${spread.tenor} is quoted twice`));
    }
    seen.add(creditSpreadKey(spread));
    const bps = payloadNumber(spread.spread_bps);
    if (bps === undefined) {
      findings.push(
        fail(
          'SPREAD_FINITE',
          `${path}.spread_bps`,
          `spread of ${spread.entity_id} ${spread.tenor} is not a finite number`,
        ),
      );
      return;
    }
    if (bps.isNegative() && !bps.isZero()) {
      findings.push(
        fail(
          'SPREAD_NON_NEGATIVE',
          `${path}.spread_bps`,
          `spread of ${spread.entity_id} ${spread.tenor} is negative (${bps.toFixed()} bp)`,
        ),
      );
      return;
    }
    const prior = before.get(creditSpreadKey(spread));
    if (prior === undefined) return;
    const move = bps.minus(prior);
    const movedBy = `${spread.entity_id} ${spread.tenor} moved ${move.toFixed()} bp`;
    if (move.abs().greaterThan(config.failDailyMoveBps)) {
      findings.push(fail('DAILY_MOVE', `${path}.spread_bps`, `${movedBy} (FAIL beyond ${config.failDailyMoveBps})`));
    } else if (move.abs().greaterThan(config.maxDailyMoveBps)) {
      findings.push(warn('DAILY_MOVE', `${path}.spread_bps`, `${movedBy} (WARN beyond ${config.maxDailyMoveBps})`));
    }
  });
  return feedValidation(findings, checks);
}

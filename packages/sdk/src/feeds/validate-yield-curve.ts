import { z } from 'zod';
import { isIsoCurrencyCode } from '../reference/iso-codes.js';
import type { Decimal } from '../types/exact-decimal.js';
import { fail, feedValidation, warn, type FeedFinding, type FeedValidation } from './feed-finding.js';
import type { FeedValidationConfig } from './feed-validation-config.js';
import { payloadNumber } from './payload-number.js';
import { parsePayloadShape } from './payload-shape.js';
import { tenorInDays } from './tenor.js';

export const yieldCurvePayloadSchema = z.object({
  /** The curve's name, e.g. `USD-SOFR`; day-over-day checks compare curves of the same name. */
  curve: z.string().min(1),
  currency: z.string().refine(isIsoCurrencyCode, { error: 'must be an ISO 4217 currency code, e.g. USD' }),
  nodes: z.array(z.object({ tenor: z.string(), rate: z.unknown() })),
});
export type YieldCurvePayload = z.infer<typeof yieldCurvePayloadSchema>;

const checks = [
  'PAYLOAD_SHAPE',
  'MIN_NODES',
  'TENOR_PARSES',
  'TENOR_SORTED',
  'TENOR_UNIQUE',
  'RATE_FINITE',
  'RATE_BOUNDS',
  'DAILY_MOVE',
];

/**
 * YIELD_CURVE: FAIL when a tenor does not parse, tenors are unsorted or repeated, there are fewer than two nodes or a
 * rate is not a finite number, or a rate moved more than `failDailyMove` since the previous accepted curve of the same
 * name; WARN when a rate leaves the configured bounds or moved more than `maxDailyMove`.
 */
export function validateYieldCurve(
  payload: unknown,
  config: FeedValidationConfig['yieldCurve'],
  previous?: YieldCurvePayload,
): FeedValidation {
  const shape = parsePayloadShape(yieldCurvePayloadSchema, payload);
  if ('findings' in shape) return feedValidation(shape.findings, checks);
  const { nodes } = shape.data;
  const findings: FeedFinding[] = [];
  if (nodes.length < 2)
    findings.push(fail('MIN_NODES', 'nodes', `a curve needs at least 2 nodes, got ${nodes.length}`));

  let previousDays = -Infinity;
  const seen = new Map<number, string>();
  nodes.forEach((node, index) => {
    const days = tenorInDays(node.tenor);
    if (days === undefined) {
      findings.push(
        fail('TENOR_PARSES', `nodes.${index}.tenor`, `tenor "${node.tenor}" is not like ON, 1W, 3M or 10Y`),
      );
    } else {
      const duplicate = seen.get(days);
      if (duplicate !== undefined) {
        findings.push(fail('TENOR_UNIQUE', `nodes.${index}.tenor`, `tenor ${node.tenor} repeats ${duplicate}`));
      } else if (days < previousDays) {
        findings.push(fail('TENOR_SORTED', `nodes.${index}.tenor`, `tenor ${node.tenor} comes after a longer tenor`));
      }
      seen.set(days, node.tenor);
      previousDays = Math.max(previousDays, days);
    }
    const rate = payloadNumber(node.rate);
    if (rate === undefined) {
      findings.push(
        fail(
          'RATE_FINITE',
          `nodes.${index}.rate`,
          `rate ${JSON.stringify(node.rate) ?? String(node.rate)} is not a finite number`,
        ),
      );
    } else if (rate.lessThan(config.minRate) || rate.greaterThan(config.maxRate)) {
      findings.push(
        warn(
          'RATE_BOUNDS',
          `nodes.${index}.rate`,
          `rate ${rate.toFixed()} at ${node.tenor} is outside [${config.minRate}, ${config.maxRate}]`,
        ),
      );
    }
  });

  if (previous !== undefined && previous.curve === shape.data.curve) {
    findings.push(...dailyMoves(nodes, previous, config));
  }
  return feedValidation(findings, checks);
}

function dailyMoves(
  nodes: YieldCurvePayload['nodes'],
  previous: YieldCurvePayload,
  config: FeedValidationConfig['yieldCurve'],
): FeedFinding[] {
  const before = new Map<number, Decimal>();
  for (const node of previous.nodes) {
    const days = tenorInDays(node.tenor);
    const rate = payloadNumber(node.rate);
    if (days !== undefined && rate !== undefined) before.set(days, rate);
  }
  const findings: FeedFinding[] = [];
  nodes.forEach((node, index) => {
    const days = tenorInDays(node.tenor);
    const rate = payloadNumber(node.rate);
    const prior = days === undefined ? undefined : before.get(days);
    if (rate === undefined || prior === undefined) return;
    const move = rate.minus(prior).abs();
    const path = `nodes.${index}.rate`;
    if (move.greaterThan(config.failDailyMove)) {
      findings.push(
        fail(
          'DAILY_MOVE',
          path,
          `${node.tenor} moved ${move.toFixed()} since the previous curve (FAIL beyond ${config.failDailyMove})`,
        ),
      );
    } else if (move.greaterThan(config.maxDailyMove)) {
      findings.push(
        warn(
          'DAILY_MOVE',
          path,
          `${node.tenor} moved ${move.toFixed()} since the previous curve (WARN beyond ${config.maxDailyMove})`,
        ),
      );
    }
  });
  return findings;
}

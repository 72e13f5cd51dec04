import { NotFoundError } from '../errors/not-found-error.js';
import type { FxSpotRow } from '../schemas/fx-spot.js';
import { type Decimal, divideDecimal } from '../types/exact-decimal.js';
import { toDecimal, type DecimalString } from '../types/decimal.js';

/** Currencies tried, in order, when neither the pair nor its inverse is quoted. */
const TRIANGULATION_CURRENCIES = ['USD', 'EUR'] as const;

export type FxRateMethod = 'identity' | 'direct' | 'inverse' | 'triangulated';

/** A rate kept as a fraction so a conversion divides once, at the end. */
interface RateFraction {
  readonly numerator: Decimal;
  readonly denominator: Decimal;
}

export interface FxRate {
  /** `'EUR/USD'`: units of the second currency per one of the first. */
  readonly pair: string;
  readonly snapshotId: string;
  readonly rate: DecimalString;
  readonly method: FxRateMethod;
  /** The triangulation currency, when method is `triangulated`. */
  readonly via: string | null;
  /** The stored pairs the rate was derived from. */
  readonly quotedPairs: readonly string[];
}

const ONE = toDecimal(1);

const divide = (numerator: Decimal, denominator: Decimal): Decimal =>
  denominator.equals(ONE) ? numerator : divideDecimal(numerator, denominator);

/** The spots of one FX snapshot, resolving any pair directly, by inverse, or through USD then EUR. */
export class FxTable {
  private readonly quotes = new Map<string, Decimal>();

  public constructor(
    public readonly snapshotId: string,
    spots: readonly Pick<FxSpotRow, 'pair' | 'spot_rate'>[],
  ) {
    for (const spot of spots) this.quotes.set(spot.pair, toDecimal(spot.spot_rate));
  }

  private leg(from: string, to: string): { fraction: RateFraction; pair: string; inverse: boolean } | null {
    const direct = this.quotes.get(`${from}/${to}`);
    if (direct) return { fraction: { numerator: direct, denominator: ONE }, pair: `${from}/${to}`, inverse: false };
    const inverse = this.quotes.get(`${to}/${from}`);
    if (inverse) return { fraction: { numerator: ONE, denominator: inverse }, pair: `${to}/${from}`, inverse: true };
    return null;
  }

  private resolve(
    from: string,
    to: string,
  ): { fraction: RateFraction; method: FxRateMethod; via: string | null; pairs: string[] } {
    if (from === to)
      return { fraction: { numerator: ONE, denominator: ONE }, method: 'identity', via: null, pairs: [] };
    const single = this.leg(from, to);
    if (single) {
      return {
        fraction: single.fraction,
        method: single.inverse ? 'inverse' : 'direct',
        via: null,
        pairs: [single.pair],
      };
    }
    for (const via of TRIANGULATION_CURRENCIES) {
      if (via === from || via === to) continue;
      const first = this.leg(from, via);
      const second = this.leg(via, to);
      if (first && second) {
        return {
          fraction: {
            numerator: first.fraction.numerator.times(second.fraction.numerator),
            denominator: first.fraction.denominator.times(second.fraction.denominator),
          },
          method: 'triangulated',
          via,
          pairs: [first.pair, second.pair],
        };
      }
    }
    const tried = [
      `${from}/${to}`,
      `${to}/${from}`,
      ...TRIANGULATION_CURRENCIES.filter((via) => via !== from && via !== to).map(
        (via) => `${from}/${via} + ${via}/${to}`,
      ),
    ];
    throw new NotFoundError(
      'FX rate',
      `${from}/${to}@${this.snapshotId}`,
      this.quotes.size === 0
        ? `FX snapshot '${this.snapshotId}' holds no spots, so there is no rate for ${from}/${to}`
        : `No FX rate for ${from}/${to} in snapshot '${this.snapshotId}': tried ${tried.join(', ')} (each leg direct or inverse)`,
    );
  }

  public rate(from: string, to: string): FxRate {
    const resolved = this.resolve(from, to);
    return {
      pair: `${from}/${to}`,
      snapshotId: this.snapshotId,
      rate: divide(resolved.fraction.numerator, resolved.fraction.denominator).toFixed(),
      method: resolved.method,
      via: resolved.via,
      quotedPairs: resolved.pairs,
    };
  }

  /** `amount` in `from` expressed in `to`: exact when only multiplications are needed, else one rounding at the end. */
  public convert(amount: DecimalString | Decimal, from: string, to: string): Decimal {
    const { fraction } = this.resolve(from, to);
    const exact = typeof amount === 'string' ? toDecimal(amount) : amount;
    if (fraction.numerator.equals(ONE) && fraction.denominator.equals(ONE)) return exact;
    return divide(exact.times(fraction.numerator), fraction.denominator);
  }
}

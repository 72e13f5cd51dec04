const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** 3 significant digits with k/M suffixes for large numbers: enough for figures whose noise is several percent. */
export function formatFigure(value: number, unit: string): string {
  const scaled =
    Math.abs(value) >= 1e6
      ? `${significant.format(value / 1e6)}M`
      : Math.abs(value) >= 1e4
        ? `${significant.format(value / 1e3)}k`
        : significant.format(value);
  return `${scaled} ${unit}`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

const tenorPattern = /^(\d{1,3})([DWMY])$/;
const overnightTenors: Readonly<Record<string, number>> = { ON: 1, TN: 2, SN: 3 };

/**
 * A tenor such as `ON`, `1W`, `3M`, `10Y` in days, or undefined when it does not parse. Months count 365/12 days and
 * years 365, so `12M` and `1Y` land on the same value and count as duplicates.
 */
export function tenorInDays(tenor: string): number | undefined {
  const overnight = overnightTenors[tenor];
  if (overnight !== undefined) return overnight;
  const match = tenorPattern.exec(tenor);
  if (!match) return undefined;
  const count = Number(match[1]);
  if (count === 0) return undefined;
  const unitDays = { D: 1, W: 7, M: 365 / 12, Y: 365 }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return Math.round(count * unitDays * 1000) / 1000;
}

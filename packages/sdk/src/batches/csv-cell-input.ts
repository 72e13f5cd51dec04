/** A CSV cell as input: empty cells are absent values. */
export function cellValue(cells: Readonly<Record<string, string>>, column: string): string | undefined {
  const cell = cells[column];
  return cell === undefined || cell === '' ? undefined : cell;
}

/** A cell holding a JSON object (e.g. tags), or the reason it does not. */
export function jsonObjectCell(text: string | undefined): { value?: Record<string, unknown>; reason?: string } {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { value: value as Record<string, unknown> };
  } catch {
    // reported below
  }
  return { reason: 'must be a JSON object such as {"desk":"rates"}' };
}

/** Sum of a digit after Luhn doubling: 7 → 7, doubled 7 → 14 → 1 + 4. */
export function luhnDigitSum(value: number): number {
  return Math.floor(value / 10) + (value % 10);
}

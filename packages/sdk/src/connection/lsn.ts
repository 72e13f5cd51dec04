/** A PostgreSQL `pg_lsn` (`16/B374D848`) as a number that compares and subtracts exactly. */
export const parseLsn = (text: string): bigint => {
  const [high, low] = text.split('/');
  if (high === undefined || low === undefined) throw new TypeError(`"${text}" is not a pg_lsn`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
};

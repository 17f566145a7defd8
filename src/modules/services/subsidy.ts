// Service subsidies by rule (services.subsidies): for a kind of service, the band of the elder's age on the service
// day gives a fixed amount or a share of the price, floored to the fen, capped by the band and never above the price.
// Integer fen throughout (shares in BigInt): the same order always gets the same subsidy to the fen.

export interface SubsidyBand {
  minAge: number;
  amountFen?: number;
  share?: { numerator: number; denominator: number };
  capFen?: number;
}

/** Kind code → its bands (any order: the highest minimum age the elder has reached applies). */
export type SubsidyRule = Readonly<Record<string, readonly SubsidyBand[]>>;

/** Whole years between a birth date and a day (both YYYY-MM-DD); born on 29 February, one is a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The calendar day of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function bandFor(rule: SubsidyRule, kind: string, age: number): SubsidyBand | null {
  let found: SubsidyBand | null = null;
  for (const b of rule[kind] ?? []) if (age >= b.minAge && (!found || b.minAge > found.minAge)) found = b;
  return found;
}

export function subsidyFor(
  rule: SubsidyRule,
  kind: string,
  age: number,
  priceFen: number,
): { subsidyFen: number; band: SubsidyBand | null } {
  const band = bandFor(rule, kind, age);
  if (!band) return { subsidyFen: 0, band: null };
  let amount = 0n;
  if (band.amountFen !== undefined) amount = BigInt(band.amountFen);
  else if (band.share) amount = (BigInt(priceFen) * BigInt(band.share.numerator)) / BigInt(band.share.denominator);
  if (band.capFen !== undefined && amount > BigInt(band.capFen)) amount = BigInt(band.capFen);
  if (amount > BigInt(priceFen)) amount = BigInt(priceFen);
  if (amount < 0n) amount = 0n;
  return { subsidyFen: Number(amount), band };
}

// Outcomes a bureau can trust (issue 16, item 3): an area a project says it delivered cannot be larger than
// the floor area of its compounds times the share in `outcomes.area_plausibility`. A typing slip such as
// 9,999,999,999.99 m² on a 5,000 m² compound is refused before it reaches the city's headline figures.
import { atMostFraction, hundredths, type Fraction } from '../../platform/money.ts';

export const PLAUSIBILITY_RULE = 'outcomes.area_plausibility';

export interface ImplausibleArea<K extends string = string> {
  field: K;
  /** Both in hundredths of a square metre. */
  given: bigint;
  limit: bigint;
}

/** The area fields above floor area × share, in the order given; none when every area is plausible. */
export function implausibleAreas<K extends string>(areas: Record<K, string>, floorAreaM2: string, share: Fraction): ImplausibleArea<K>[] {
  const floor = hundredths(floorAreaM2);
  const limit = (floor * BigInt(share.numerator)) / BigInt(share.denominator);
  return (Object.entries(areas) as [K, string][])
    .filter(([, v]) => !atMostFraction(hundredths(v), floor, share))
    .map(([field, v]) => ({ field, given: hundredths(v), limit }));
}

// Tests that hold under every city pack: the demo places and the expected thresholds come from the selected pack
// (CITY), never from one city's literals.
import { readFileSync } from 'node:fs';
import { cityFile, cityPack } from '../city.ts';
import { shippedRules } from '../policy.ts';

/** The selected pack's demo city: its code, name, demo district, subdistrict and community. */
export const demoCity = () => cityPack().demo;

/** A shipped rule of the selected pack, as the seed publishes it. */
export function shippedRule<T>(key: string): { value: T; version: string; source: string } {
  const rule = shippedRules().find((r) => r.key === key);
  if (!rule) throw new Error(`no shipped rule ${key}`);
  return rule as { value: T; version: string; source: string };
}

/** A district of the selected city other than the demo's (the first in its divisions file). */
export function otherDistrict(): string {
  const { city, district } = demoCity();
  const row = readFileSync(cityFile('divisions.csv'), 'utf8')
    .split('\n')
    .map((l) => l.split(','))
    .find((c) => c[2] === 'district' && c[3] === city.code && c[0] !== district.code);
  return row![0]!;
}

/** Yuan from fen as the API's English texts write it: 4,938,268.00. */
export const yuanText = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

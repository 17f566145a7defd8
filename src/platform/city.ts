// City packs (reference/cities/<code>/): everything that differs from one city to the next is data in its pack —
// divisions, policy rules, the indicator catalogue and demo prices, the assessment scheme, service standards,
// blackout periods, the demo city's places and names. CITY=<code> picks the pack; no code names a city.
// A file a pack does not carry falls back to the shared, city-neutral reference/catalogue/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cityCodes, citySetting, DEFAULT_CITY } from '../config/env.ts';

export { cityCodes, DEFAULT_CITY };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference');
const citiesDir = path.join(root, 'cities');
export const sharedCatalogueDir = path.join(root, 'catalogue');

/** The demo city of a pack (demo.json): where the demo's community lives, and the words its made-up data uses. */
export interface CityDemo {
  city: { code: string; name: string; nameEn: string };
  district: { code: string; name: string };
  subdistrict: { code: string; name: string };
  community: { code: string; name: string };
  /** The dialect code (of service-kinds.json) the demo's carers and elder speak. */
  dialect: string;
  /** The square the made-up compounds are scattered over: [min, span] in degrees. */
  area: { longitude: [number, number]; latitude: [number, number] };
  /** Display names of the demo accounts, by username. */
  accounts: Record<string, string>;
  /** The land-registry prefix of made-up deed numbers (杭房权证…). */
  deedPrefix: string;
  names: {
    places: string[];
    suffixes: string[];
    roads: string[];
    communityWords: string[];
    propertyCompanies: string[];
    /** The demo shops, canteen and operators: keys are the seeds' roles, values the shown names. */
    shops: Record<string, string>;
  };
  /** City-wide works blackouts of the plan year: month-day ranges and the reason shown. */
  blackouts: { from: string; to: string; reason: string }[];
  /** Illustrative unit prices (fen) per unit of measure for the demo price list, and its shown source. */
  prices: { source: string; baseFen: Record<string, number> };
  /** Demo assessment bonus entries (district, ground, points, reason). */
  assessmentBonuses: { district: string; ground: string; points: number; reason: string }[];
}

export interface CityPack {
  code: string;
  dir: string;
  demo: CityDemo;
}

const packs = new Map<string, CityPack>();

/** The code of the city this process runs: the CITY setting (validated by config/env.ts), default 330100. */
export function selectedCity(): string {
  return citySetting();
}

/** The selected city's pack (CITY, default 330100). */
export function cityPack(code = selectedCity()): CityPack {
  let pack = packs.get(code);
  if (!pack) {
    const dir = path.join(citiesDir, code);
    const demo = JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as CityDemo;
    if (demo.city.code !== code) throw new Error(`reference/cities/${code}/demo.json names city ${demo.city.code}`);
    packs.set(code, (pack = { code, dir, demo }));
  }
  return pack;
}

/** A reference file of the selected city: the pack's own, else the shared catalogue's. */
export function cityFile(name: string, code = selectedCity()): string {
  const own = path.join(cityPack(code).dir, name);
  return existsSync(own) ? own : path.join(sharedCatalogueDir, name);
}

export function readCityJson<T>(name: string, code = selectedCity()): T {
  return JSON.parse(readFileSync(cityFile(name, code), 'utf8')) as T;
}
